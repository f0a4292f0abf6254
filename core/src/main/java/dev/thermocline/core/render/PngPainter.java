package dev.thermocline.core.render;

import dev.thermocline.core.render.Drawing.Line;
import dev.thermocline.core.render.Drawing.Rect;
import dev.thermocline.core.render.Drawing.Shape;
import dev.thermocline.core.render.Drawing.Text;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Paints a {@link Drawing} with Java2D (headless) into a PNG. */
public final class PngPainter {

    private static final float[] DASH = {6f, 4f};

    private PngPainter() {}

    public static BufferedImage paint(Drawing drawing) {
        BufferedImage image = new BufferedImage(drawing.width(), drawing.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(drawing.background()));
            g.fillRect(0, 0, drawing.width(), drawing.height());
            raster(g, drawing.raster());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            for (Shape shape : drawing.shapes()) {
                if (shape instanceof Rect r) {
                    g.setColor(new Color(r.rgb()));
                    g.fillRect(r.x(), r.y(), r.w(), r.h());
                } else if (shape instanceof Line l) {
                    line(g, l);
                } else if (shape instanceof Text t) {
                    text(g, t);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    public static byte[] png(Drawing drawing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(paint(drawing), "png", out)) {
                throw new IllegalStateException("no PNG writer is available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding the heatmap PNG failed", e);
        }
        return out.toByteArray();
    }

    private static void raster(Graphics2D g, Drawing.Raster r) {
        for (int c = 0; c + 1 < r.x().length; c++) {
            for (int b = 0; b + 1 < r.y().length; b++) {
                g.setColor(new Color(r.rgb(c, b)));
                g.fillRect(r.x()[c], r.y()[b + 1], r.x()[c + 1] - r.x()[c], r.y()[b] - r.y()[b + 1]);
            }
        }
    }

    private static void line(Graphics2D g, Line l) {
        g.setColor(new Color(l.rgb()));
        g.setStroke(l.dashed()
                ? new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, DASH, 0f)
                : new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        // odd widths sit on pixel centres, as the canvas painter draws them
        double offset = Math.round(l.width()) % 2 == 1 ? 0.5 : 0;
        boolean horizontal = l.y1() == l.y2();
        boolean vertical = l.x1() == l.x2();
        g.draw(new Line2D.Double(l.x1() + (vertical ? offset : 0), l.y1() + (horizontal ? offset : 0),
                l.x2() + (vertical ? offset : 0), l.y2() + (horizontal ? offset : 0)));
    }

    private static void text(Graphics2D g, Text t) {
        g.setColor(new Color(t.rgb()));
        g.setFont(new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, t.size()));
        FontMetrics m = g.getFontMetrics();
        double w = m.stringWidth(t.text());
        double dx = switch (t.align()) {
            case LEFT -> 0;
            case CENTER -> -w / 2;
            case RIGHT -> -w;
        };
        double dy = (m.getAscent() - m.getDescent()) / 2.0;
        AffineTransform saved = g.getTransform();
        g.translate(t.x(), t.y());
        if (t.vertical()) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(t.text(), (float) dx, (float) dy);
        g.setTransform(saved);
    }
}
