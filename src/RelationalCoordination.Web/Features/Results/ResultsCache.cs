using Microsoft.Extensions.Caching.Memory;

using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>
/// Stored results already read from their JSON, per survey and snapshot. At 100 roles a snapshot
/// is 10,000 ties, several megabytes of JSON: reading and parsing it took about 200 ms of every
/// results page. An entry is used only for the snapshot it was read from (its computing time), so
/// a survey scored again — here or by another instance — is read again. Bounded by ties held.
/// </summary>
public sealed class ResultsCache : IDisposable
{
    /// <summary>Ties held at most: a hundred surveys of 100 roles.</summary>
    public const long MaxTies = 1_000_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxTies });

    public async Task<ScoringResult> GetOrReadAsync(Guid surveyId, DateTimeOffset computedAt, Func<Task<ScoringResult>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (cache.TryGetValue(surveyId, out (DateTimeOffset ComputedAt, ScoringResult Result) entry) && entry.ComputedAt == computedAt)
        {
            return entry.Result;
        }

        var result = await read();
        cache.Set(surveyId, (computedAt, result), new MemoryCacheEntryOptions
        {
            Size = result.Ties.Length + 1,
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
        return result;
    }

    /// <summary>
    /// The comparison of two closed waves, computed once. Their answers cannot change, only be
    /// deleted by the retention period, which callers check before asking (RawAnswersGone).
    /// </summary>
    public async Task<System.Collections.Immutable.ImmutableArray<TieChange>> GetOrCompareAsync(
        Guid earlier, Guid later, int minGroupSize, Func<Task<System.Collections.Immutable.ImmutableArray<TieChange>>> compare)
    {
        ArgumentNullException.ThrowIfNull(compare);
        var key = (earlier, later, minGroupSize);
        if (cache.TryGetValue(key, out System.Collections.Immutable.ImmutableArray<TieChange> changes))
        {
            return changes;
        }

        changes = await compare();
        cache.Set(key, changes, new MemoryCacheEntryOptions { Size = changes.Length + 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return changes;
    }

    public void Dispose() => cache.Dispose();
}
