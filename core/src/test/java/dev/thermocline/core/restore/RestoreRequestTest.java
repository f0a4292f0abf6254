package dev.thermocline.core.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.thermocline.core.key.Key;
import dev.thermocline.core.key.KeyType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreRequestTest {

    private static final Instant AS_OF = Instant.parse("2026-11-24T10:31:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void eachSelectionIsAsOfItsOwnTimeOrElseTheRequests() {
        RangeSelection plain = RangeSelection.parseRange("10400..10599", KeyType.LONG);
        RangeSelection own = RangeSelection.parseKeys("7,8@" + EARLIER, KeyType.LONG);
        RestoreRequest request = new RestoreRequest("orders", AS_OF, List.of(plain, own));

        assertThat(request.effectiveAsOf(plain)).isEqualTo(AS_OF);
        assertThat(request.effectiveAsOf(own)).isEqualTo(EARLIER);
        assertThat(request.latestAsOf()).isEqualTo(AS_OF);
        assertThat(request.earliestAsOf()).isEqualTo(EARLIER);
    }

    @Test
    void asOfMayBeOmittedOnlyWhenEverySelectionHasItsOwn() {
        RangeSelection own = RangeSelection.parseRange("1..5@" + EARLIER, KeyType.LONG);
        assertThat(new RestoreRequest("orders", null, List.of(own)).latestAsOf()).isEqualTo(EARLIER);

        RangeSelection plain = RangeSelection.parseRange("10..20", KeyType.LONG);
        assertThatThrownBy(() -> new RestoreRequest("orders", null, List.of(own, plain)))
                .hasMessage("restore of 'orders' needs --as-of: selection 10..20 has no @TIME of its own");
    }

    @Test
    void rejectsMissingPartsAndMixedKeyTypes() {
        assertThatThrownBy(() -> new RestoreRequest("orders", AS_OF, List.of()))
                .hasMessage("restore of 'orders' needs at least one --range or --keys");
        assertThatThrownBy(() -> new RestoreRequest(" ", AS_OF, List.of(RangeSelection.parseRange("..", KeyType.LONG))))
                .hasMessage("restore needs a table name");
        assertThatThrownBy(() -> new RestoreRequest("orders", AS_OF, List.of(
                        RangeSelection.parseRange("1..2", KeyType.LONG),
                        new RangeSelection.KeyList(List.of(Key.of("x")), null))))
                .hasMessage("restore of 'orders' mixes long key 2 with string key x");
    }
}
