namespace RelationalCoordination.Domain.Responses;

/// <summary>
/// Which targets each respondent has rated: a fixed-width bitset per respondent, so the
/// duplicate check costs no hashing (a large file has 740,000 observations).
/// </summary>
internal sealed class RatedTargets
{
    private const int Words = (ResponseSetBuilder.MaxRoles + 63) / 64;
    private readonly List<ulong> bits = [];

    /// <summary>Makes room for one more respondent, who has rated nothing yet.</summary>
    public void AddRespondent()
    {
        for (var w = 0; w < Words; w++)
        {
            bits.Add(0);
        }
    }

    public void Mark(int respondent, int target) =>
        bits[respondent * Words + target / 64] |= 1UL << (target % 64);

    public bool Has(int respondent, int target) =>
        (bits[respondent * Words + target / 64] & (1UL << (target % 64))) != 0;
}
