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

    public void Dispose() => cache.Dispose();
}
