using System.Globalization;
using System.Text;

using RelationalCoordination.Domain.Scoring;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>
/// The results' colour scale: continuous and diverging, orange (weak) through a light neutral at
/// the middle of the moderate band (3.75) to purple (strong), after ColorBrewer's colour-blind-safe
/// PuOr. Three flat bands hid the difference between 2.4 and 3.4; a step of 0.1 shows it. The
/// band boundaries stay visible as the cell's border (site.css), not as a jump in colour.
/// </summary>
/// <remarks>
/// The Content-Security-Policy allows no inline styles, so a cell cannot carry its own colour:
/// it carries a class per tenth (<c>c10</c> … <c>c50</c>) and results.css holds the 41 rules, written
/// by <see cref="Css"/> and checked against it by a test.
/// </remarks>
public static class ColourScale
{
    private static readonly (double Value, string Rgb)[] Anchors =
    [
        (1.0, "7f3b08"), (2.5, "b35806"), (3.0, "e08214"), (3.25, "fdb863"), (3.5, "fee0b6"),
        (3.75, "f7f7f7"), (4.0, "d8daeb"), (4.25, "b2abd2"), (4.5, "8073ac"), (5.0, "542788"),
    ];

    /// <summary>The lowest and highest tenth the scale has a class for.</summary>
    public const int First = 10, Last = 50;

    /// <summary>The class of a score: its tenth, clamped to the 1–5 scale.</summary>
    public static string ClassOf(double value) =>
        $"c{Math.Clamp((int)Math.Round(value * 10, MidpointRounding.AwayFromZero), First, Last).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The colour of a score, as (r, g, b) from 0 to 255: linear between the anchors in sRGB.</summary>
    public static (int R, int G, int B) Colour(double value)
    {
        var v = Math.Clamp(value, Anchors[0].Value, Anchors[^1].Value);
        var upper = Array.FindIndex(Anchors, a => a.Value >= v);
        if (upper == 0)
        {
            return Rgb(Anchors[0].Rgb);
        }

        var (a, b) = (Anchors[upper - 1], Anchors[upper]);
        var t = (v - a.Value) / (b.Value - a.Value);
        var (from, to) = (Rgb(a.Rgb), Rgb(b.Rgb));
        static int Mix(int x, int y, double t) => (int)Math.Round(x + ((y - x) * t), MidpointRounding.AwayFromZero);
        return (Mix(from.R, to.R, t), Mix(from.G, to.G, t), Mix(from.B, to.B, t));
    }

    /// <summary>Black or white text on a colour, whichever contrasts more (WCAG); one of them always reaches 4.5:1.</summary>
    public static bool WhiteText((int R, int G, int B) colour) => Luminance(colour) < 0.179;

    /// <summary>The relative luminance of WCAG 2.</summary>
    public static double Luminance((int R, int G, int B) colour)
    {
        static double Linear(int c) => c / 255.0 <= 0.04045 ? c / 255.0 / 12.92 : Math.Pow(((c / 255.0) + 0.055) / 1.055, 2.4);
        return (0.2126 * Linear(colour.R)) + (0.7152 * Linear(colour.G)) + (0.0722 * Linear(colour.B));
    }

    /// <summary>The scale's rules for results.css: one class per tenth, background and text colour.</summary>
    public static string Css()
    {
        var css = new StringBuilder();
        for (var tenth = First; tenth <= Last; tenth++)
        {
            var colour = Colour(tenth / 10.0);
            css.Append(CultureInfo.InvariantCulture, $".c{tenth} {{ background: #{colour.R:x2}{colour.G:x2}{colour.B:x2}; color: {(WhiteText(colour) ? "#fff" : "#000")}; }}\n");
        }

        return css.ToString();
    }

    /// <summary>
    /// A tie strength as shown, to <paramref name="decimals"/> places, or more near a band boundary:
    /// 3.476 rounds to "3.5", which reads as moderate, so it shows as "3.48"; the band is always the
    /// band of the number shown.
    /// </summary>
    public static string Score(double? value, int decimals = 1)
    {
        if (value is not { } v)
        {
            return "—";
        }

        var band = TieBands.Of(v);
        for (var places = decimals; places <= 3; places++)
        {
            var shown = v.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (TieBands.Of(double.Parse(shown, CultureInfo.InvariantCulture)) == band)
            {
                return shown;
            }
        }

        // Within a thousandth below a boundary: rounding only ever crosses upwards, so cut down.
        return (Math.Floor(v * 1000) / 1000).ToString("F3", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A tie strength cut (not rounded) to one decimal, for a heatmap of many roles whose cells have
    /// no room for a second: the band boundaries are whole tenths, so a cut value stays in its band.
    /// </summary>
    public static string Cut(double? value) =>
        value is { } v ? (Math.Floor((v * 10) + 1e-9) / 10).ToString("F1", CultureInfo.InvariantCulture) : "—";

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..], 16));
}
