using System.Collections.Immutable;

namespace RelationalCoordination.Domain.Scoring;

/// <summary>The scoring step that profiles each role: respondents, RC given, received and within, and centrality.</summary>
internal static class RoleFigures
{
    public static ImmutableArray<RoleResult> Results(
        TieScores scores, bool[] usable, ScoringOptions options, (IReadOnlyList<double?> Betweenness, IReadOnlyList<double?> Eigenvector) centrality)
    {
        var responses = scores.Responses;
        var n = scores.RoleCount;
        var respondents = new int[n];
        foreach (var role in responses.RespondentRole)
        {
            respondents[role]++;
        }

        var builder = ImmutableArray.CreateBuilder<RoleResult>(n);
        var hideBelow = options.Anonymous ? options.MinGroupSize : 0;
        for (var a = 0; a < n; a++)
        {
            double given = 0, received = 0;
            int givenCount = 0, receivedCount = 0;
            for (var b = 0; b < n; b++)
            {
                if (b == a)
                {
                    continue;
                }

                if (usable[scores.TieIndex(a, b)])
                {
                    given += scores.Mean[scores.TieIndex(a, b)];
                    givenCount++;
                }

                if (usable[scores.TieIndex(b, a)])
                {
                    received += scores.Mean[scores.TieIndex(b, a)];
                    receivedCount++;
                }
            }

            var within = scores.TieIndex(a, a);
            builder.Add(new RoleResult(
                responses.RoleNames[a],
                respondents[a] >= hideBelow ? respondents[a] : null,
                givenCount > 0 ? given / givenCount : null,
                receivedCount > 0 ? received / receivedCount : null,
                usable[within] ? scores.Mean[within] : null,
                centrality.Betweenness[a],
                centrality.Eigenvector[a]));
        }

        return builder.MoveToImmutable();
    }
}
