package dev.thermocline.core.render;

import dev.thermocline.core.render.Drawing.HoverPart;
import dev.thermocline.core.render.Drawing.Line;
import dev.thermocline.core.render.Drawing.Rect;
import dev.thermocline.core.render.Drawing.Shape;
import dev.thermocline.core.render.Drawing.Text;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (no network at view time) that paints a {@link Drawing} on a canvas
 * with an inline script, the same display list the PNG is painted from, and shows the exact values
 * under the mouse: the column's time span, the band's keys, the accesses in that grid cell, and each
 * partition there with its cell's access, read and write counts.
 *
 * <p>When the picture is drawn the script sets {@code data-heatmap="drawn"} on {@code <body>}; any
 * script error sets {@code data-heatmap-error} instead, so a headless browser's DOM dump tells
 * whether drawing worked. Opening the page with {@code #hover=X,Y} shows the tooltip for that pixel.
 */
public final class HtmlPage {

    public static final String DRAWN_ATTRIBUTE = "data-heatmap";
    public static final String DRAWN_VALUE = "drawn";
    public static final String ERROR_ATTRIBUTE = "data-heatmap-error";

    private HtmlPage() {}

    public static String render(Drawing drawing, String title) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s</title>
                <style>
                  body { margin: 0; font-family: "DejaVu Sans", sans-serif; background: #ffffff; color: #202020; }
                  #wrap { position: relative; width: %dpx; }
                  canvas { display: block; cursor: crosshair; }
                  #tip { position: absolute; display: none; pointer-events: none; background: rgba(255,255,255,0.96);
                         border: 1px solid #888; padding: 6px 8px; font-size: 12px; line-height: 1.45;
                         box-shadow: 0 2px 6px rgba(0,0,0,0.25); white-space: nowrap; }
                  #tip .value { font-weight: bold; }
                  #status { font-size: 12px; color: #606060; padding: 2px 0 8px %dpx; }
                </style>
                </head>
                <body>
                <div id="wrap"><canvas id="heatmap" width="%d" height="%d"></canvas><div id="tip"></div></div>
                <div id="status">drawing…</div>
                <script type="application/json" id="heatmap-data">%s</script>
                <script>
                %s
                </script>
                </body>
                </html>
                """.formatted(escapeHtml(title), drawing.width(), HeatmapLayout.PLOT.x(), drawing.width(),
                drawing.height(), json(drawing).replace("</", "<\\/"), SCRIPT);
    }

    static String json(Drawing d) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("{\"width\":").append(d.width()).append(",\"height\":").append(d.height())
                .append(",\"background\":").append(color(d.background()));
        Drawing.Raster r = d.raster();
        s.append(",\"raster\":{\"x\":").append(ints(r.x())).append(",\"y\":").append(ints(r.y()))
                .append(",\"noData\":").append(color(r.noData())).append(",\"palette\":[");
        for (int i = 0; i < r.palette().length; i++) {
            s.append(i == 0 ? "" : ",").append(color(r.palette()[i]));
        }
        s.append("],\"colors\":[");
        for (int c = 0; c < r.colors().length; c++) {
            s.append(c == 0 ? "" : ",").append(ints(r.colors()[c]));
        }
        s.append("]},\"shapes\":[");
        List<Shape> shapes = d.shapes();
        for (int i = 0; i < shapes.size(); i++) {
            s.append(i == 0 ? "" : ",").append(shape(shapes.get(i)));
        }
        Drawing.Hover h = d.hover();
        s.append("],\"hover\":{\"columns\":").append(strings(h.columns())).append(",\"bands\":").append(strings(h.bands()))
                .append(",\"values\":[");
        for (int c = 0; c < h.values().length; c++) {
            s.append(c == 0 ? "" : ",").append('[');
            for (int b = 0; b < h.values()[c].length; b++) {
                s.append(b == 0 ? "" : ",").append(number(h.values()[c][b]));
            }
            s.append(']');
        }
        s.append("],\"parts\":[");
        for (int c = 0; c < h.parts().size(); c++) {
            s.append(c == 0 ? "" : ",").append('[');
            List<HoverPart> parts = h.parts().get(c);
            for (int i = 0; i < parts.size(); i++) {
                HoverPart p = parts.get(i);
                s.append(i == 0 ? "" : ",").append('[').append(p.firstBand()).append(',').append(p.lastBand()).append(',')
                        .append(string(p.text())).append(']');
            }
            s.append(']');
        }
        return s.append("]}}").toString();
    }

    private static String shape(Shape shape) {
        if (shape instanceof Rect r) {
            return "[\"r\"," + r.x() + "," + r.y() + "," + r.w() + "," + r.h() + "," + color(r.rgb()) + "]";
        }
        if (shape instanceof Line l) {
            return "[\"l\"," + number(l.x1()) + "," + number(l.y1()) + "," + number(l.x2()) + "," + number(l.y2()) + ","
                    + color(l.rgb()) + "," + number(l.width()) + "," + (l.dashed() ? 1 : 0) + "]";
        }
        Text t = (Text) shape;
        return "[\"t\"," + number(t.x()) + "," + number(t.y()) + "," + string(t.text()) + "," + color(t.rgb()) + ","
                + t.size() + "," + (t.bold() ? 1 : 0) + ",\"" + t.align().name().toLowerCase(Locale.ROOT) + "\","
                + (t.vertical() ? 1 : 0) + "]";
    }

    private static String ints(int[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ",").append(values[i]);
        }
        return s.append(']').toString();
    }

    private static String strings(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return s.append(']').toString();
    }

    private static String color(int rgb) {
        return String.format(Locale.ROOT, "\"#%06x\"", rgb & 0xFFFFFF);
    }

    /** Two decimals are plenty for pixels and hover values; integral values print without a fraction. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write " + v + " into the heatmap page");
        }
        double rounded = Math.round(v * 100) / 100.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    static String string(String value) {
        StringBuilder s = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var body = document.body;
              var status = document.getElementById('status');
              function fail(message) {
                body.setAttribute('data-heatmap-error', message);
                status.textContent = 'The heatmap could not be drawn: ' + message;
              }
              window.addEventListener('error', function (e) { fail(String(e.message)); });
              try {
                var d = JSON.parse(document.getElementById('heatmap-data').textContent);
                var canvas = document.getElementById('heatmap');
                var tip = document.getElementById('tip');
                var g = canvas.getContext('2d');
                var r = d.raster;
                g.fillStyle = d.background;
                g.fillRect(0, 0, d.width, d.height);
                for (var c = 0; c < r.colors.length; c++) {
                  for (var b = 0; b < r.colors[c].length; b++) {
                    var i = r.colors[c][b];
                    g.fillStyle = i < 0 ? r.noData : r.palette[i];
                    g.fillRect(r.x[c], r.y[b + 1], r.x[c + 1] - r.x[c], r.y[b] - r.y[b + 1]);
                  }
                }
                d.shapes.forEach(function (s) {
                  if (s[0] === 'r') {
                    g.fillStyle = s[5];
                    g.fillRect(s[1], s[2], s[3], s[4]);
                  } else if (s[0] === 'l') {
                    var off = Math.round(s[6]) % 2 === 1 ? 0.5 : 0;
                    var horizontal = s[2] === s[4], vertical = s[1] === s[3];
                    g.strokeStyle = s[5];
                    g.lineWidth = s[6];
                    g.setLineDash(s[7] ? [6, 4] : []);
                    g.beginPath();
                    g.moveTo(s[1] + (vertical ? off : 0), s[2] + (horizontal ? off : 0));
                    g.lineTo(s[3] + (vertical ? off : 0), s[4] + (horizontal ? off : 0));
                    g.stroke();
                  } else if (s[0] === 't') {
                    g.font = (s[6] ? 'bold ' : '') + s[5] + 'px "DejaVu Sans", sans-serif';
                    g.fillStyle = s[4];
                    g.textAlign = s[7];
                    g.textBaseline = 'middle';
                    g.save();
                    g.translate(s[1], s[2]);
                    if (s[8]) { g.rotate(-Math.PI / 2); }
                    g.fillText(s[3], 0, 0);
                    g.restore();
                  } else {
                    throw new Error('unknown shape ' + s[0]);
                  }
                });

                var h = d.hover;
                function columnAt(x) {
                  for (var c = 0; c + 1 < r.x.length; c++) { if (x >= r.x[c] && x < r.x[c + 1]) { return c; } }
                  return -1;
                }
                function bandAt(y) {
                  for (var b = 0; b + 1 < r.y.length; b++) { if (y < r.y[b] && y >= r.y[b + 1]) { return b; } }
                  return -1;
                }
                function fmt(v) {
                  return Math.abs(v - Math.round(v)) < 0.005 ? Math.round(v).toLocaleString('en-US')
                      : '\\u2248' + v.toLocaleString('en-US', {maximumFractionDigits: 1});
                }
                function show(x, y) {
                  var c = columnAt(x), b = bandAt(y);
                  if (c < 0 || b < 0) { tip.style.display = 'none'; return; }
                  var lines = [h.columns[c], 'keys ' + h.bands[b]];
                  var value = r.colors[c][b] < 0 ? 'no data' : fmt(h.values[c][b]) + ' accesses in this key band';
                  tip.textContent = '';
                  lines.concat([value]).concat(h.parts[c].filter(function (p) { return p[0] <= b && b <= p[1]; })
                      .map(function (p) { return p[2]; })).forEach(function (text, n) {
                    var line = document.createElement('div');
                    line.textContent = text;
                    if (n === 2) { line.className = 'value'; }
                    tip.appendChild(line);
                  });
                  tip.style.display = 'block';
                  tip.style.left = Math.min(x + 14, d.width - tip.offsetWidth - 4) + 'px';
                  tip.style.top = (y + 14 + tip.offsetHeight > d.height ? y - tip.offsetHeight - 8 : y + 14) + 'px';
                }
                canvas.addEventListener('mousemove', function (e) {
                  var box = canvas.getBoundingClientRect();
                  show(e.clientX - box.left, e.clientY - box.top);
                });
                canvas.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
                if (location.hash.indexOf('#hover=') === 0) {
                  var at = location.hash.substring(7).split(',');
                  show(Number(at[0]), Number(at[1]));
                }
                status.textContent = 'Hover over the picture for exact values: ' + r.colors.length + ' time columns \\u00d7 '
                    + (r.y.length - 1) + ' key bands.';
                body.setAttribute('data-heatmap', 'drawn');
              } catch (e) {
                fail(e && e.message ? e.message : String(e));
              }
            })();
            """;
}
