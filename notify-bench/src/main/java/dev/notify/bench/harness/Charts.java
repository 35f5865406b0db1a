package dev.notify.bench.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * One PNG per scenario, drawn with Java2D (headless): on the left the median throughput of each
 * variant as a bar with a whisker from its slowest to its fastest round, on the right its median
 * p99 latency as a bar; an SDK variant stands beside its baseline because variants are drawn in
 * the order the scenario lists them.
 */
public final class Charts {
  /** The image's width in pixels. */
  public static final int WIDTH = 960;
  /** The image's height in pixels. */
  public static final int HEIGHT = 420;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x9aa5b1),
      new Color(0x2ca02c), new Color(0xb7c9a8), new Color(0xd62728), new Color(0xe6b0b0),
      new Color(0x9467bd), new Color(0xc5b0d5)};

  private Charts() {
  }

  /**
   * Writes the scenario's chart; does nothing for a scenario without rounds.
   *
   * @param s the scenario
   * @param file the PNG to write
   * @return whether a chart was written
   * @throws IOException if it cannot be written
   */
  public static boolean write(ScenarioResult s, Path file) throws IOException {
    List<Variant> variants = s.variants().stream().filter(v -> !v.rounds().isEmpty()).toList();
    if (variants.isEmpty()) {
      return false;
    }
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(s.id() + ": " + s.title(), 16, 24);
      double[] medians = variants.stream().mapToDouble(Variant::medianThroughput).toArray();
      double[] lows = variants.stream().mapToDouble(v -> Stats.min(v.throughputs())).toArray();
      double[] highs = variants.stream().mapToDouble(v -> Stats.max(v.throughputs())).toArray();
      double[] p99 = variants.stream().mapToDouble(v -> v.median(Round::p99Ms)).toArray();
      panel(g, 16, "throughput, notifications/s (median, min–max)", variants, medians, lows,
          highs, "%,.0f");
      panel(g, WIDTH / 2 + 8, "p99 latency, ms (median of rounds)", variants, p99, null, null,
          "%,.2f");
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
    return true;
  }

  private static void panel(Graphics2D g, int x0, String title, List<Variant> variants,
      double[] values, double[] lows, double[] highs, String format) {
    int width = WIDTH / 2 - 32;
    int top = 60;
    int bottom = HEIGHT - 70;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.DARK_GRAY);
    g.drawString(title, x0, 46);
    double max = 0;
    for (int i = 0; i < values.length; i++) {
      max = Math.max(max, finite(highs == null ? values[i] : highs[i]));
    }
    max = max <= 0 ? 1 : max * 1.1;
    g.drawLine(x0, bottom, x0 + width, bottom);
    int slot = width / Math.max(1, values.length);
    int bar = Math.max(8, slot * 3 / 5);
    for (int i = 0; i < values.length; i++) {
      int x = x0 + i * slot + (slot - bar) / 2;
      int h = (int) Math.round(finite(values[i]) / max * (bottom - top));
      g.setColor(COLORS[i % COLORS.length]);
      g.fillRect(x, bottom - h, bar, h);
      g.setColor(Color.BLACK);
      if (lows != null) {
        int yLow = bottom - (int) Math.round(finite(lows[i]) / max * (bottom - top));
        int yHigh = bottom - (int) Math.round(finite(highs[i]) / max * (bottom - top));
        int cx = x + bar / 2;
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(cx, yLow, cx, yHigh);
        g.drawLine(cx - 5, yLow, cx + 5, yLow);
        g.drawLine(cx - 5, yHigh, cx + 5, yHigh);
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString(String.format(Locale.ROOT, format, values[i]), x, bottom - h - 4);
      String label = variants.get(i).id();
      g.drawString(label, x, bottom + 16 + (i % 2) * 14);
    }
  }

  private static double finite(double d) {
    return Double.isFinite(d) ? d : 0;
  }
}
