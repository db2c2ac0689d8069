package dev.voiceconsole.ui.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Snapshots of a scene as PNG files, and the numbers that tell a real picture from a blank one. The PNG is written
 * with javax.imageio from the snapshot's pixels, so no javafx-swing bridge is needed.
 */
final class Screenshots {

    private Screenshots() {}

    /** What a picture shows, in numbers: size, mean luminance and its spread (0..1), distinct colours. */
    record Stats(int width, int height, double meanLuminance, double luminanceSpread, int distinctColours) {}

    /** Renders the scene as it is now (CSS and layout applied first) into an ARGB image. */
    static BufferedImage snapshot(Scene scene) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> toImage(scene.snapshot(null))).get();
    }

    private static BufferedImage toImage(WritableImage fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        int[] argb = new int[w * h];
        PixelReader pixels = fx.getPixelReader();
        pixels.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    static void writePng(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in javax.imageio");
        }
    }

    static Stats stats(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        Set<Integer> colours = new HashSet<>();
        double sum = 0;
        double sumSquares = 0;
        for (int p : argb) {
            colours.add(p);
            double y = luminance(p);
            sum += y;
            sumSquares += y * y;
        }
        double mean = sum / argb.length;
        double spread = Math.sqrt(Math.max(0, sumSquares / argb.length - mean * mean));
        return new Stats(w, h, mean, spread, colours.size());
    }

    /** Rec. 709 luma of an sRGB pixel, 0 (black) .. 1 (white). */
    private static double luminance(int argb) {
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255.0;
    }
}
