using Microsoft.Extensions.Caching.Memory;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Results;
using RelationalCoordination.Web.Features.Surveys;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// The surveys the respondent pages show, kept in memory for a few seconds by public key: every
/// page of every phone needs the survey and its roles, which change rarely, and reading them from
/// PostgreSQL was most of a page's work (decision 9). A change saved through this app forgets
/// everything kept before it (<see cref="SurveyChangesInterceptor"/> for saves, an explicit
/// <see cref="Changed"/> after a bulk update or delete); another instance shows it within <see cref="Lifetime"/>. What a
/// stale copy could get wrong — starting, saving or submitting in a survey that has just closed —
/// is checked again in SQL by each write.
/// </summary>
public sealed class SurveyDefinitions : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    // A change bumps it, and whatever was read before is a miss. (One instance per app: a singleton.)
    private long generation;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>A survey or its roles changed (or went): whatever was kept before is stale.</summary>
    public void Changed() => Interlocked.Increment(ref generation);

    /// <summary>The survey kept for <paramref name="key"/>, or the one <paramref name="load"/> reads (kept when found).</summary>
    public async Task<Survey?> GetAsync(string key, Func<string, Task<Survey?>> load)
    {
        // Read before loading: a change committed while loading leaves the entry already stale.
        var current = Interlocked.Read(ref generation);
        if (cache.TryGetValue(key, out Entry? kept) && kept!.Generation == current)
        {
            return kept.Survey;
        }

        var survey = await load(key);
        if (survey is not null)
        {
            cache.Set(key, new Entry(survey, current), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return survey;
    }

    /// <summary>Forgets one survey: a write found it no longer open, so the next page reads it again.</summary>
    public void Forget(string key) => cache.Remove(key);

    public void Dispose() => cache.Dispose();

    private sealed record Entry(Survey Survey, long Generation);
}
