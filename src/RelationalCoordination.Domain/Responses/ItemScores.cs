using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Responses;

/// <summary>
/// The seven item scores of one observation, each 1–5 or missing ("not applicable / don't know"
/// or left blank). Immutable; three bits per item keep 740,000 observations in a few megabytes.
/// </summary>
public readonly struct ItemScores : IEquatable<ItemScores>
{
    /// <summary>The lowest score of an item.</summary>
    public const int MinScore = 1;

    /// <summary>The highest (best) score of an item.</summary>
    public const int MaxScore = 5;

    // Item k occupies bits 3k..3k+2; 0 means missing.
    private readonly int packed;

    private ItemScores(int packed) => this.packed = packed;

    /// <summary>No item answered.</summary>
    public static ItemScores None => default;

    /// <summary>
    /// Builds scores from seven values in survey order (null = missing).
    /// Throws <see cref="ArgumentException"/> naming the item when a value is outside 1–5.
    /// </summary>
    public static ItemScores Of(params int?[] scores)
    {
        if (!TryCreate(scores, out var result, out var error))
        {
            throw new ArgumentException(error, nameof(scores));
        }

        return result;
    }

    /// <summary>Builds scores from seven values in survey order, or says which item is out of range.</summary>
    public static bool TryCreate(ReadOnlySpan<int?> scores, out ItemScores result, out string? error)
    {
        result = default;
        if (scores.Length != Dimensions.Count)
        {
            error = $"expected {Dimensions.Count} item scores, got {scores.Length}";
            return false;
        }

        var packed = 0;
        for (var k = 0; k < Dimensions.Count; k++)
        {
            if (scores[k] is not { } score)
            {
                continue;
            }

            if (score is < MinScore or > MaxScore)
            {
                error = $"item {((Dimension)k).Key()}: score {score} is outside {MinScore}–{MaxScore}";
                return false;
            }

            packed |= score << (3 * k);
        }

        result = new ItemScores(packed);
        error = null;
        return true;
    }

    /// <summary>The score of one item, or null when it is missing.</summary>
    public int? this[Dimension dimension] => this[(int)dimension];

    /// <summary>The score of the item at a survey-order index (0–6), or null when it is missing.</summary>
    public int? this[int index]
    {
        get
        {
            var value = Raw(index);
            return value == 0 ? null : value;
        }
    }

    /// <summary>Scores already packed three bits per item (each 0–5), as a reader that checked them builds them.</summary>
    internal static ItemScores FromPacked(int packed) => new(packed);

    /// <summary>The scores packed three bits per item; for lookup tables in the scoring engine.</summary>
    internal int Packed => packed;

    /// <summary>The score of an item as 0 (missing) or 1–5; for the scoring engine's inner loops.</summary>
    internal int Raw(int index) => (packed >> (3 * index)) & 7;

    /// <summary>How many of the seven items are answered.</summary>
    public int AnsweredCount
    {
        get
        {
            var count = 0;
            for (var k = 0; k < Dimensions.Count; k++)
            {
                if (Raw(k) != 0)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>True when all seven items are answered.</summary>
    public bool IsComplete => AnsweredCount == Dimensions.Count;

    /// <summary>A copy with one item's score replaced (null clears it).</summary>
    public ItemScores With(Dimension dimension, int? score)
    {
        if (score is < MinScore or > MaxScore)
        {
            throw new ArgumentOutOfRangeException(
                nameof(score), score, $"item {dimension.Key()}: score must be {MinScore}–{MaxScore}");
        }

        var shift = 3 * (int)dimension;
        return new ItemScores((packed & ~(7 << shift)) | ((score ?? 0) << shift));
    }

    /// <inheritdoc/>
    public bool Equals(ItemScores other) => packed == other.packed;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ItemScores other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => packed;

    /// <inheritdoc/>
    public static bool operator ==(ItemScores left, ItemScores right) => left.Equals(right);

    /// <inheritdoc/>
    public static bool operator !=(ItemScores left, ItemScores right) => !left.Equals(right);

    /// <summary>The seven scores separated by commas, missing ones empty: <c>4,3,4,,5,4,5</c>.</summary>
    public override string ToString()
    {
        var self = this;
        return string.Join(',', Enumerable.Range(0, Dimensions.Count).Select(k => self[k]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
    }
}
