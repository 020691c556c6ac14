using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Data;

/// <summary>
/// The seven score columns of the answer table, in dimension order (<see cref="Dimensions.All"/>):
/// the one list of them. The entity needs a property per column (EF Core maps it, queries name it);
/// everything else — the SQL column lists, the import's COPY, the mapping to and from the domain,
/// the check constraints — is made from here, so no list can leave a column out or take another
/// order than the scores it is written from.
/// </summary>
public static class AnswerColumns
{
    /// <summary>The answer table (EF Core named it after the entity; there is no DbSet for it).</summary>
    public const string Table = "Answer";

    // In dimension order; each column is named after its dimension (checked by a test).
    private static readonly (string Name, Func<Answer, short?> Get, Action<Answer, short?> Set)[] Columns =
    [
        (nameof(Answer.Frequent), a => a.Frequent, (a, v) => a.Frequent = v),
        (nameof(Answer.Timely), a => a.Timely, (a, v) => a.Timely = v),
        (nameof(Answer.Accurate), a => a.Accurate, (a, v) => a.Accurate = v),
        (nameof(Answer.ProblemSolving), a => a.ProblemSolving, (a, v) => a.ProblemSolving = v),
        (nameof(Answer.SharedGoals), a => a.SharedGoals, (a, v) => a.SharedGoals = v),
        (nameof(Answer.SharedKnowledge), a => a.SharedKnowledge, (a, v) => a.SharedKnowledge = v),
        (nameof(Answer.MutualRespect), a => a.MutualRespect, (a, v) => a.MutualRespect = v),
    ];

    /// <summary>The score columns' names, in dimension order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Columns.Select(c => c.Name)];

    /// <summary>The score columns quoted for SQL and comma-separated, each prefixed with <paramref name="alias"/> when given: <c>a."Frequent", a."Timely", …</c>.</summary>
    public static string Sql(string? alias = null) =>
        string.Join(", ", Names.Select(n => alias is null ? $"\"{n}\"" : $"{alias}.\"{n}\""));

    /// <summary>The name of a column's check constraint: EF Core's convention, CK_ table _ column.</summary>
    public static string CheckConstraintName(string column) => $"CK_{Table}_{column}";

    /// <summary>The score of one dimension.</summary>
    public static short? Score(this Answer answer, Dimension dimension) => Columns[(int)dimension].Get(answer);

    /// <summary>The seven scores, in dimension order.</summary>
    public static short?[] ScoresInOrder(this Answer answer) => [.. Columns.Select(c => c.Get(answer))];

    /// <summary>An answer about <paramref name="targetRoleId"/> with the scores of <paramref name="scoreOf"/>, dimension by dimension.</summary>
    public static Answer NewAnswer(Guid targetRoleId, Func<Dimension, short?> scoreOf)
    {
        var answer = new Answer { TargetRoleId = targetRoleId };
        foreach (var dimension in Dimensions.All)
        {
            Columns[(int)dimension].Set(answer, scoreOf(dimension));
        }

        return answer;
    }
}
