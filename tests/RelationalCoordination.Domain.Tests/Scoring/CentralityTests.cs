using RelationalCoordination.Domain.Scoring;

using Xunit;

namespace RelationalCoordination.Domain.Tests.Scoring;

public sealed class CentralityTests
{
    [Fact]
    public void The_middle_of_a_path_lies_on_every_path_between_its_ends()
    {
        // 0 — 1 — 2: node 1 is on the only shortest path of the one pair {0, 2}; (N−1)(N−2)/2 = 1.
        var betweenness = Centrality.Betweenness(Graph(3, (0, 1), (1, 2)));

        Assert.Equal([0.0, 1.0, 0.0], betweenness);
    }

    [Fact]
    public void Two_equal_shortest_paths_share_the_credit()
    {
        // A square 0—1—3, 0—2—3 and 1—0—2... : each pair of opposite corners has two shortest paths.
        var betweenness = Centrality.Betweenness(Graph(4, (0, 1), (0, 2), (1, 3), (2, 3)));

        // Node 0 gets half of pair {1, 2}; normalised by 3 pairs.
        Assert.All(betweenness, b => Assert.Equal(0.5 / 3, b!.Value, 1e-15));
    }

    [Fact]
    public void Betweenness_by_brandes_equals_counting_every_shortest_path_on_random_graphs()
    {
        var random = new Random(20261125);
        for (var trial = 0; trial < 300; trial++)
        {
            var n = random.Next(3, 9);
            var density = random.NextDouble();
            var edges = new List<(int, int)>();
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    if (random.NextDouble() < density)
                    {
                        edges.Add((a, b));
                    }
                }
            }

            var graph = Graph(n, [.. edges]);
            var brandes = Centrality.Betweenness(graph);
            var enumerated = BetweennessByEnumeratingPaths(graph);
            for (var v = 0; v < n; v++)
            {
                Assert.Equal(enumerated[v], brandes[v]!.Value, 1e-12);
            }
        }
    }

    [Fact]
    public void Eigenvector_centrality_of_a_star_puts_the_hub_at_one()
    {
        // Star with hub 0 and three leaves of weight 1: leading eigenvalue √3, leaves at 1/√3.
        var weights = new double[4, 4];
        for (var leaf = 1; leaf < 4; leaf++)
        {
            weights[0, leaf] = weights[leaf, 0] = 1;
        }

        var centrality = Centrality.Eigenvector(weights);

        Assert.Equal(1.0, centrality[0]!.Value, 1e-12);
        Assert.All(centrality.Skip(1), c => Assert.Equal(1 / Math.Sqrt(3), c!.Value, 1e-12));
    }

    [Fact]
    public void Eigenvector_by_decomposition_equals_power_iteration_on_random_weighted_graphs()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 100; trial++)
        {
            var n = random.Next(2, 12);
            var weights = new double[n, n];
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n; b++)
                {
                    // A complete graph of RC-like weights is connected, so the leading eigenvector is unique.
                    weights[a, b] = weights[b, a] = 1 + 4 * random.NextDouble();
                }
            }

            var decomposed = Centrality.Eigenvector(weights);
            var iterated = PowerIteration(weights);
            for (var v = 0; v < n; v++)
            {
                Assert.Equal(iterated[v], decomposed[v]!.Value, 1e-9);
            }
        }
    }

    [Fact]
    public void Disconnected_components_with_the_same_leading_eigenvalue_are_treated_alike()
    {
        // Two separate pairs with the same weight share the leading eigenvalue; node 4 is isolated.
        // The symmetric answer is the one power iteration from the degrees reaches.
        var weights = new double[5, 5];
        weights[0, 1] = weights[1, 0] = 4;
        weights[2, 3] = weights[3, 2] = 4;

        var centrality = Centrality.Eigenvector(weights);

        Assert.Equal([1.0, 1.0, 1.0, 1.0, 0.0], centrality.Select(c => Math.Round(c!.Value, 12)));
        Assert.Equal(PowerIteration(weights), centrality.Select(c => c!.Value), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void A_weaker_component_gets_no_eigenvector_centrality()
    {
        var weights = new double[4, 4];
        weights[0, 1] = weights[1, 0] = 4;
        weights[2, 3] = weights[3, 2] = 3;

        Assert.Equal([1.0, 1.0, 0.0, 0.0], Centrality.Eigenvector(weights).Select(c => Math.Round(c!.Value, 12)));
    }

    [Fact]
    public void A_graph_without_edges_has_no_eigenvector_centrality()
    {
        Assert.All(Centrality.Eigenvector(new double[3, 3]), Assert.Null);
    }

    private static List<int>[] Graph(int n, params (int A, int B)[] edges)
    {
        var adjacency = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges)
        {
            adjacency[a].Add(b);
            adjacency[b].Add(a);
        }

        return adjacency;
    }

    /// <summary>Lists every shortest path of every pair explicitly, then credits its inner nodes.</summary>
    private static double[] BetweennessByEnumeratingPaths(List<int>[] graph)
    {
        var n = graph.Length;
        var credit = new double[n];
        for (var s = 0; s < n; s++)
        {
            for (var t = s + 1; t < n; t++)
            {
                var paths = new List<List<int>>();
                var shortest = int.MaxValue;
                var path = new List<int> { s };
                void Walk(int v)
                {
                    if (path.Count - 1 > shortest)
                    {
                        return;
                    }

                    if (v == t)
                    {
                        if (path.Count - 1 < shortest)
                        {
                            shortest = path.Count - 1;
                            paths.Clear();
                        }

                        paths.Add([.. path]);
                        return;
                    }

                    foreach (var w in graph[v].Where(w => !path.Contains(w)))
                    {
                        path.Add(w);
                        Walk(w);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                Walk(s);
                foreach (var found in paths)
                {
                    foreach (var inner in found.Skip(1).SkipLast(1))
                    {
                        credit[inner] += 1.0 / paths.Count;
                    }
                }
            }
        }

        var pairs = (n - 1) * (n - 2) / 2.0;
        return [.. credit.Select(c => c / pairs)];
    }

    private static double[] PowerIteration(double[,] weights)
    {
        var n = weights.GetLength(0);
        var x = Enumerable.Repeat(1.0, n).ToArray();
        for (var iteration = 0; iteration < 10_000; iteration++)
        {
            var next = new double[n];
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    next[a] += weights[a, b] * x[b];
                }
            }

            var max = next.Max();
            var change = 0.0;
            for (var a = 0; a < n; a++)
            {
                change = Math.Max(change, Math.Abs(next[a] / max - x[a]));
                x[a] = next[a] / max;
            }

            if (change < 1e-15)
            {
                break;
            }
        }

        return x;
    }
}
