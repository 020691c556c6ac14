namespace RelationalCoordination.Domain.Scoring;

/// <summary>
/// The scoring step that sees roles as a network: pairs of roles joined by the mean of their usable
/// directions, from which each role's betweenness and eigenvector centrality follow.
/// </summary>
internal static class RoleGraph
{
    public static (IReadOnlyList<double?> Betweenness, IReadOnlyList<double?> Eigenvector) Centralities(
        TieScores scores, bool[] usable)
    {
        var n = scores.RoleCount;
        var weights = new double[n, n];
        var adjacency = new List<int>[n];
        for (var a = 0; a < n; a++)
        {
            adjacency[a] = [];
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (EdgeWeight(scores, usable, a, b) is not { } w)
                {
                    continue;
                }

                weights[a, b] = weights[b, a] = w;
                // The working-tie network keeps only edges at least moderate: brokers bridge weak pairs.
                if (w >= TieBands.WeakBelow)
                {
                    adjacency[a].Add(b);
                    adjacency[b].Add(a);
                }
            }
        }

        return (Centrality.Betweenness(adjacency), Centrality.Eigenvector(weights));
    }

    /// <summary>w(a,b): the mean of the defined directions of a pair, or null when neither is.</summary>
    private static double? EdgeWeight(TieScores scores, bool[] usable, int a, int b)
    {
        var ab = scores.TieIndex(a, b);
        var ba = scores.TieIndex(b, a);
        return (usable[ab], usable[ba]) switch
        {
            (true, true) => (scores.Mean[ab] + scores.Mean[ba]) / 2,
            (true, false) => scores.Mean[ab],
            (false, true) => scores.Mean[ba],
            _ => null,
        };
    }
}
