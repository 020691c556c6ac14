using System.Globalization;

using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Tests;

/// <summary>Builds small response sets from readable rows: ("r1", "Nurses", "Physicians", "5,4,4,4,,,").</summary>
internal static class TestData
{
    public static ResponseSet Data(params (string Respondent, string Role, string Target, string Scores)[] rows) =>
        Data(null, rows);

    public static ResponseSet Data(
        IEnumerable<string>? declaredRoles, params (string Respondent, string Role, string Target, string Scores)[] rows)
    {
        var builder = new ResponseSetBuilder(declaredRoles);
        foreach (var (respondent, role, target, scores) in rows)
        {
            var error = builder.Add(respondent, role, target, Scores(scores));
            if (error is not null)
            {
                throw new InvalidOperationException(error.ToString());
            }
        }

        return builder.Build();
    }

    /// <summary>"5,4,,3,3,3,3" → scores, empty for missing.</summary>
    public static ItemScores Scores(string scores) =>
        ItemScores.Of([.. scores.Split(',').Select(s => s.Length == 0 ? (int?)null : int.Parse(s, CultureInfo.InvariantCulture))]);

    /// <summary>Seven equal scores.</summary>
    public static string All(int score) => string.Join(',', Enumerable.Repeat(score, 7));
}
