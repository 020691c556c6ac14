using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>Centrality measures on the undirected role graph.</summary>
public static class Centrality
{
    /// <summary>
    /// Eigenvector centrality of an undirected weighted graph given by a symmetric weight matrix
    /// (0 = no edge, the diagonal ignored): the leading eigenvector, scaled so that its largest
    /// entry is 1. Null for every node when the graph has no edge, where it is undefined.
    /// </summary>
    public static IReadOnlyList<double?> Eigenvector(double[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(0);
        var matrix = Matrix<double>.Build.Dense(n, n);
        var hasEdge = false;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && weights[i, j] != 0)
                {
                    matrix[i, j] = weights[i, j];
                    hasEdge = true;
                }
            }
        }

        if (!hasEdge)
        {
            return new double?[n];
        }

        var evd = matrix.Evd(Symmetricity.Symmetric);
        var top = evd.EigenValues.Select(v => v.Real).Max();

        // When disconnected components share the leading eigenvalue, any mix of their vectors is
        // an eigenvector. Take the one power iteration from the weighted degrees converges to (as
        // igraph's solver does): the degrees' projection onto the leading eigenspace. With a
        // single leading eigenvalue this is just the Perron vector.
        var degrees = matrix.RowSums();
        var vector = Vector<double>.Build.Dense(n);
        for (var i = 0; i < n; i++)
        {
            if (evd.EigenValues[i].Real >= top - 1e-9 * Math.Abs(top))
            {
                var eigenvector = evd.EigenVectors.Column(i);
                vector += eigenvector * eigenvector.DotProduct(degrees);
            }
        }

        // The Perron vector of a non-negative matrix is non-negative; magnitudes drop rounding signs.
        vector = vector.PointwiseAbs();
        var largest = vector.Maximum();
        var result = new double?[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = vector[i] / largest;
        }

        return result;
    }

    /// <summary>
    /// Betweenness centrality of an undirected, unweighted graph (Brandes' algorithm), counting
    /// every shortest path with fractional credit and normalised by (N−1)(N−2)/2. Null for every
    /// node when N &lt; 3, where the normalisation is undefined.
    /// </summary>
    /// <param name="adjacency">For each node, its neighbours (each edge listed from both ends).</param>
    public static IReadOnlyList<double?> Betweenness(IReadOnlyList<IReadOnlyList<int>> adjacency)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        var n = adjacency.Count;
        if (n < 3)
        {
            return new double?[n];
        }

        var centrality = new double[n];
        var sigma = new double[n];
        var distance = new int[n];
        var delta = new double[n];
        var order = new int[n];
        var queue = new int[n];
        for (var source = 0; source < n; source++)
        {
            Array.Fill(sigma, 0);
            Array.Fill(distance, -1);
            Array.Fill(delta, 0);
            sigma[source] = 1;
            distance[source] = 0;
            int head = 0, tail = 0, visited = 0;
            queue[tail++] = source;
            while (head < tail)
            {
                var v = queue[head++];
                order[visited++] = v;
                foreach (var w in adjacency[v])
                {
                    if (distance[w] < 0)
                    {
                        distance[w] = distance[v] + 1;
                        queue[tail++] = w;
                    }

                    if (distance[w] == distance[v] + 1)
                    {
                        sigma[w] += sigma[v];
                    }
                }
            }

            // Dependencies accumulate from the farthest nodes back; predecessors are the
            // neighbours one step closer, so no predecessor lists are needed.
            for (var i = visited - 1; i > 0; i--)
            {
                var w = order[i];
                foreach (var v in adjacency[w])
                {
                    if (distance[v] == distance[w] - 1)
                    {
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                    }
                }

                centrality[w] += delta[w];
            }
        }

        // Each unordered pair was counted from both ends.
        var pairs = (n - 1) * (n - 2) / 2.0;
        var result = new double?[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = centrality[i] / 2 / pairs;
        }

        return result;
    }
}
