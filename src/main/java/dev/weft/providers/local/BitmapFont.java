package dev.weft.providers.local;

import java.awt.Graphics2D;
import java.util.Locale;
import java.util.Map;

/**
 * A built-in 5x7 pixel font (upper case, digits, common punctuation) drawn as rectangles. The
 * placeholder image uses it instead of system fonts because slim server images often have no
 * fonts at all (Java2D text then fails), and because it renders identically on every machine.
 */
final class BitmapFont {

    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;
    /** Horizontal advance per character in font pixels, including one pixel of spacing. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    /** Each glyph is seven rows of five bits, written as two hex digits per row. */
    private static final Map<Character, String> GLYPHS = Map.ofEntries(
            Map.entry('A', "0E11111F111111"), Map.entry('B', "1E11111E11111E"), Map.entry('C', "0E11101010110E"),
            Map.entry('D', "1E11111111111E"), Map.entry('E', "1F10101E10101F"), Map.entry('F', "1F10101E101010"),
            Map.entry('G', "0E11101711110F"), Map.entry('H', "1111111F111111"), Map.entry('I', "0E04040404040E"),
            Map.entry('J', "0702020202120C"), Map.entry('K', "11121418141211"), Map.entry('L', "1010101010101F"),
            Map.entry('M', "111B1515111111"), Map.entry('N', "11111915131111"), Map.entry('O', "0E11111111110E"),
            Map.entry('P', "1E11111E101010"), Map.entry('Q', "0E11111115120D"), Map.entry('R', "1E11111E141211"),
            Map.entry('S', "0F10100E01011E"), Map.entry('T', "1F040404040404"), Map.entry('U', "1111111111110E"),
            Map.entry('V', "11111111110A04"), Map.entry('W', "1111111515150A"), Map.entry('X', "11110A040A1111"),
            Map.entry('Y', "11110A04040404"), Map.entry('Z', "1F01020408101F"), Map.entry('0', "0E11131519110E"),
            Map.entry('1', "040C040404040E"), Map.entry('2', "0E11010204081F"), Map.entry('3', "1F02040201110E"),
            Map.entry('4', "02060A121F0202"), Map.entry('5', "1F101E0101110E"), Map.entry('6', "0608101E11110E"),
            Map.entry('7', "1F010204080808"), Map.entry('8', "0E11110E11110E"), Map.entry('9', "0E11110F01020C"),
            Map.entry(' ', "00000000000000"), Map.entry('.', "00000000000C0C"), Map.entry(',', "000000000C0408"),
            Map.entry('-', "0000001F000000"), Map.entry('!', "04040404040004"), Map.entry('?', "0E110102040004"),
            Map.entry('\'', "04040800000000"), Map.entry(':', "000C0C000C0C00"), Map.entry('/', "01010204081010"),
            Map.entry('(', "02040808080402"), Map.entry(')', "08040202020408"));

    private BitmapFont() {
    }

    /** Width in device pixels of {@code text} at the given pixel scale. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** Draws with the graphics' current paint; (x, y) is the top-left corner. */
    static void draw(Graphics2D g, String text, int x, int y, int scale) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            String glyph = GLYPHS.getOrDefault(upper.charAt(i), GLYPHS.get('?'));
            int gx = x + i * ADVANCE * scale;
            for (int row = 0; row < GLYPH_HEIGHT; row++) {
                int bits = Integer.parseInt(glyph.substring(row * 2, row * 2 + 2), 16);
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((bits & (1 << (GLYPH_WIDTH - 1 - col))) != 0) {
                        g.fillRect(gx + col * scale, y + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
