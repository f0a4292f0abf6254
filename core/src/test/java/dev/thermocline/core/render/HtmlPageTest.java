package dev.thermocline.core.render;

import static dev.thermocline.core.render.HeatmapTestData.DOMAIN;
import static dev.thermocline.core.render.HeatmapTestData.cell;
import static dev.thermocline.core.render.HeatmapTestData.ordersHistory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.thermocline.core.key.KeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

    @Test
    void thePageIsSelfContainedAndCarriesTheDrawingAndHoverValues() {
        Drawing drawing = HeatmapLayout.draw(new HeatGridBuilder(ordersHistory(), KeyType.LONG, DOMAIN)
                .build(CellSource.of(List.of(cell(2, "p2", 1000, 550))), Optional.empty(), Optional.empty()));

        String page = HtmlPage.render(drawing, "Access heat of <orders>");

        assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>Access heat of &lt;orders&gt;</title>")
                .doesNotContain("http://", "https://", "src=", "<link")
                .contains("\"p2 [500, 600) (rev 1): 1,000 accesses, 1,000 reads, 0 writes\"")
                .contains("\"2026-11-24 10:02:00 – 10:03:00 UTC\"");
        // exactly one closing script tag per script: the data cannot end its own element
        assertThat(page.split("</script>", -1)).hasSize(3);
    }

    @Test
    void stringsCannotBreakOutOfTheirScript() {
        assertThat(HtmlPage.string("a\"b\\c</script><!--\n")).isEqualTo("\"a\\\"b\\\\c\\u003c/script\\u003e\\u003c!--\\n\"");
    }

    @Test
    void numbersKeepTwoDecimals() {
        assertThat(HtmlPage.number(3.0)).isEqualTo("3");
        assertThat(HtmlPage.number(2.34567)).isEqualTo("2.35");
    }
}
