namespace RelationalCoordination.Domain.Instrument;

/// <summary>
/// The seven dimensions of relational coordination, in the fixed order of the RC Survey:
/// four communication dimensions followed by three relationship dimensions.
/// </summary>
public enum Dimension
{
    /// <summary>Frequent communication.</summary>
    Frequent = 0,
    /// <summary>Timely communication.</summary>
    Timely = 1,
    /// <summary>Accurate communication.</summary>
    Accurate = 2,
    /// <summary>Problem-solving (rather than blaming) communication.</summary>
    ProblemSolving = 3,
    /// <summary>Shared goals.</summary>
    SharedGoals = 4,
    /// <summary>Shared knowledge.</summary>
    SharedKnowledge = 5,
    /// <summary>Mutual respect.</summary>
    MutualRespect = 6,
}

/// <summary>Lookups over <see cref="Dimension"/> that keep the survey's fixed order.</summary>
public static class Dimensions
{
    /// <summary>The number of dimensions (and items) of the instrument: seven.</summary>
    public const int Count = 7;

    /// <summary>All seven dimensions in survey order.</summary>
    public static IReadOnlyList<Dimension> All { get; } =
    [
        Dimension.Frequent, Dimension.Timely, Dimension.Accurate, Dimension.ProblemSolving,
        Dimension.SharedGoals, Dimension.SharedKnowledge, Dimension.MutualRespect,
    ];

    private static readonly string[] Keys =
        ["frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge", "mutual_respect"];

    private static readonly string[] Names =
        ["Frequent communication", "Timely communication", "Accurate communication", "Problem-solving communication",
         "Shared goals", "Shared knowledge", "Mutual respect"];

    /// <summary>The column name used in the CSV formats, e.g. <c>problem_solving</c>.</summary>
    public static string Key(this Dimension dimension) => Keys[(int)dimension];

    /// <summary>A human-readable name, e.g. "Problem-solving communication".</summary>
    public static string DisplayName(this Dimension dimension) => Names[(int)dimension];

    /// <summary>Finds a dimension by its CSV column name (exact, lower case).</summary>
    public static bool TryParseKey(string key, out Dimension dimension)
    {
        var index = Array.IndexOf(Keys, key);
        dimension = (Dimension)Math.Max(index, 0);
        return index >= 0;
    }
}
