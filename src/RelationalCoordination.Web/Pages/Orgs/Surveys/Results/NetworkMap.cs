using System.Globalization;
using System.Net;
using System.Text;

using Microsoft.Extensions.Localization;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Features.Results;

namespace RelationalCoordination.Web.Pages.Orgs.Surveys.Results;

/// <summary>
/// The role network as a self-contained SVG: roles on a circle in the survey's order (stable and
/// readable in print, unlike a force layout that moves between waves), sized by respondents; each
/// reportable tie between two roles a curved arrow coloured and dashed by band; the roles that
/// bridge the most (highest betweenness) ringed as candidate boundary spanners.
/// </summary>
public static class NetworkMap
{
    private const double Size = 760;
    private const double Centre = Size / 2;
    private const double Radius = 270;

    /// <summary>Roles with a betweenness of at least this share of the highest are marked as bridges.</summary>
    public const double BridgeShare = 0.5;

    /// <param name="texts">The reader's language for the map's titles; English without.</param>
    public static string Svg(ScoringResult result, IReadOnlyList<string> roleOrder, IStringLocalizer? texts = null)
    {
        string T(string template, params object[] values) =>
            texts is null ? string.Format(CultureInfo.InvariantCulture, template, values) : texts[template, values];

        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(roleOrder);
        var roles = result.Roles.ToDictionary(r => r.Role, StringComparer.Ordinal);
        var order = roleOrder.Where(roles.ContainsKey).ToList();
        var at = order.Select((name, i) => (name, angle: (2 * Math.PI * i / Math.Max(order.Count, 1)) - (Math.PI / 2)))
            .ToDictionary(x => x.name, x => (X: Centre + (Radius * Math.Cos(x.angle)), Y: Centre + (Radius * Math.Sin(x.angle)), x.angle));
        var maxRespondents = Math.Max(1, roles.Values.Select(r => r.Respondents ?? 0).DefaultIfEmpty().Max());
        var maxBetweenness = roles.Values.Select(r => r.Betweenness ?? 0).DefaultIfEmpty().Max();

        // As Format.Respondents, in the reader's language.
        string Respondents(int? count) => count is { } n
            ? T(n == 1 ? "{0} respondent" : "{0} respondents", n.ToString("N0", CultureInfo.InvariantCulture))
            : T("fewer than {0} respondents", result.Options.MinGroupSize);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Size} {Size}" role="img" aria-labelledby="network-title" class="network">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="network-title">{E(T("Role network: reportable ties between roles, coloured by strength"))}</title>""");
        svg.Append("""<defs>""");
        foreach (var band in new[] { "weak", "moderate", "strong" })
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<marker id="arrow-{band}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow {band}"/></marker>""");
        }

        svg.Append("""</defs><g class="ties">""");
        // Strong first, weak last: the weak ties a change team looks for are drawn on top.
        foreach (var tie in result.Ties.Where(t => !t.Suppressed && !t.IsWithinRole && t.Strength is not null && at.ContainsKey(t.FromRole) && at.ContainsKey(t.ToRole))
                     .OrderByDescending(t => t.Band))
        {
            var (from, to) = (at[tie.FromRole], at[tie.ToRole]);
            var band = tie.Band!.Value.Key();
            // Bend each arrow to its right, so a → b and b → a are two visible curves.
            var (mx, my) = ((from.X + to.X) / 2, (from.Y + to.Y) / 2);
            var (dx, dy) = (to.X - from.X, to.Y - from.Y);
            var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
            var (cx, cy) = (mx - (dy / length * 24), my + (dx / length * 24));
            var (ex, ey) = Shorten(cx, cy, to.X, to.Y, NodeRadius(roles[tie.ToRole].Respondents, maxRespondents) + 3);
            svg.Append(CultureInfo.InvariantCulture,
                $"""<path d="M{F(from.X)},{F(from.Y)} Q{F(cx)},{F(cy)} {F(ex)},{F(ey)}" class="tie {band}" marker-end="url(#arrow-{band})" data-from="{E(tie.FromRole)}" data-to="{E(tie.ToRole)}"><title>{E(tie.FromRole)} → {E(tie.ToRole)}: {F(tie.Strength!.Value)} ({E(T(band))}, n={tie.N})</title></path>""");
        }

        svg.Append("""</g><g class="roles">""");
        foreach (var name in order)
        {
            var role = roles[name];
            var (x, y, angle) = at[name];
            var bridge = maxBetweenness > 0 && role.Betweenness is { } b && b >= BridgeShare * maxBetweenness;
            var r = NodeRadius(role.Respondents, maxRespondents);
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="role{(bridge ? " bridge" : "")}" data-role="{E(name)}">""");
            if (bridge)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{F(x)}" cy="{F(y)}" r="{F(r + 6)}" class="bridge-ring"/>""");
            }

            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{F(x)}" cy="{F(y)}" r="{F(r)}" class="node"><title>{E(name)}: {E(Respondents(role.Respondents))}{(bridge ? E(T(", a bridge between roles")) : "")}</title></circle>""");
            var (lx, ly) = (Centre + ((Radius + r + 14) * Math.Cos(angle)), Centre + ((Radius + r + 14) * Math.Sin(angle)));
            var anchor = Math.Abs(Math.Cos(angle)) < 0.2 ? "middle" : Math.Cos(angle) > 0 ? "start" : "end";
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(lx)}" y="{F(ly)}" text-anchor="{anchor}" dominant-baseline="middle">{E(Label(name))}{(bridge ? " ◆" : "")}</text></g>""");
        }

        svg.Append("""</g></svg>""");
        return svg.ToString();
    }

    // A role with fewer than k respondents has no published count: it gets the smallest node.
    private static double NodeRadius(int? respondents, int max) => 6 + (16 * Math.Sqrt((respondents ?? 0) / (double)max));

    private static (double X, double Y) Shorten(double fromX, double fromY, double toX, double toY, double by)
    {
        var (dx, dy) = (toX - fromX, toY - fromY);
        var length = Math.Max(1, Math.Sqrt((dx * dx) + (dy * dy)));
        return (toX - (dx / length * by), toY - (dy / length * by));
    }

    private static string Label(string name) => name.Length <= 28 ? name : string.Concat(name.AsSpan(0, 27), "…");

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
