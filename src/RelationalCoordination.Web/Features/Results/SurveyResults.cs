using System.Collections.Immutable;
using System.Text.Json;

using Microsoft.EntityFrameworkCore;

using Npgsql;

using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Features.Responding;
using RelationalCoordination.Web.Features.Responses;
using RelationalCoordination.Web.Features.Surveys;
using RelationalCoordination.Web.Infrastructure;
using RelationalCoordination.Web.Pages.Respond;

namespace RelationalCoordination.Web.Features.Results;

/// <summary>
/// A survey's results, always anonymous (docs/scoring.md, "Anonymous reporting"), computed once
/// when the survey closes and stored; they never change afterwards. While a survey is open there
/// are no results at all — only response counts — so that nobody can difference two states of
/// one survey (results read before and after one more response arrives).
/// </summary>
public sealed class SurveyResults(AppDbContext db, TimeProvider clock, ResponseBatches batches, SurveyDefinitions definitions, ResultsCache cache)
{
    /// <summary>
    /// Raise it with any change to the scoring or to what an anonymous result shows: stored results
    /// are then scored again from the same (frozen) answers.
    /// Version 3 (decision 25): anonymous item figures over complete observations; a result
    /// published under an earlier version is republished within what it showed (<see cref="Republication"/>).
    /// </summary>
    public const int ScoringVersion = 3;

    /// <summary>What pages, exports and the API say while a survey is open or a draft.</summary>
    public const string NotYet = "Results appear when the survey closes: while it is open, only response counts are shown, so that no result can be compared before and after one more person answers.";

    private static readonly JsonSerializerOptions Json = new();

    /// <summary>The survey's published results, or null while it is not closed.</summary>
    public async Task<ScoringResult?> ForAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (!survey.IsClosedAt(clock.GetUtcNow()))
        {
            return null;
        }

        var stored = await db.ResultsSnapshots.AsNoTracking().Where(s => s.SurveyId == survey.Id)
            .Select(s => new { s.Scoring, s.ComputedAt }).SingleOrDefaultAsync();
        // Once the retention period has deleted the raw answers, the stored results are all there is.
        if (stored is not null && (stored.Scoring == ScoringVersion || survey.RawAnswersDeletedOn is not null))
        {
            return await cache.GetOrReadAsync(survey.Id, stored.ComputedAt, async () => JsonSerializer.Deserialize<ScoringResult>(
                await db.ResultsSnapshots.AsNoTracking().Where(s => s.SurveyId == survey.Id).Select(s => s.Result).SingleAsync(), Json)!);
        }

        return await PublishAsync(survey);
    }

    /// <summary>
    /// Publishes a closed survey's results if they are not stored yet, without reading them: for
    /// what must see every answer stored first (the raw export, the left-out count, retention).
    /// </summary>
    public async Task EnsurePublishedAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.IsClosedAt(clock.GetUtcNow()) && survey.RawAnswersDeletedOn is null
            && !await db.ResultsSnapshots.AnyAsync(s => s.SurveyId == survey.Id && s.Scoring == ScoringVersion))
        {
            await PublishAsync(survey);
        }
    }

    /// <summary>
    /// Scores a closed survey and stores its results: at closing, or at the first read of a survey
    /// that closed by its date. Every submitted answer is stored first (and the survey marked
    /// closed), so the results cover exactly what will ever be stored: a closed survey takes no
    /// more answers.
    /// </summary>
    public async Task<ScoringResult> PublishAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var now = clock.GetUtcNow();
        if (!survey.IsClosedAt(now))
        {
            throw new InvalidOperationException("Only a closed survey's results are published.");
        }

        if (await db.Surveys.Where(s => s.Id == survey.Id && s.Status == SurveyStatus.Open)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SurveyStatus.Closed).SetProperty(s => s.UpdatedAt, now)) > 0)
        {
            definitions.Changed();
        }

        await batches.FinishAsync(survey);
        // Read again now that it is closed in the table: the survey handed in may have been read
        // before a reporting group was made. A group can be made only on an open survey, and the
        // closing moved the row's version, so what is read here is the grouping for good.
        var closed = await db.Surveys.AsNoTracking().Include(s => s.Roles.OrderBy(r => r.Position)).SingleOrDefaultAsync(s => s.Id == survey.Id) ?? survey;
        var responses = await db.Responses.CountAsync(r => r.SurveyId == survey.Id);
        var result = ScoringEngine.Score(await ResponsesAsync(closed), new ScoringOptions(survey.MinGroupSize, anonymous: true));
        // Published before by an earlier method: the new figures may not tell more than the old ones did.
        if (await db.ResultsSnapshots.AsNoTracking().Where(s => s.SurveyId == survey.Id && s.Scoring < ScoringVersion).Select(s => s.Result).SingleOrDefaultAsync() is { } earlier)
        {
            result = Republication.Within(JsonSerializer.Deserialize<ScoringResult>(earlier, Json)!, result);
        }

        await SaveAsync(survey.Id, responses, JsonSerializer.Serialize(result, Json));
        return result;
    }

    /// <summary>
    /// Housekeeping: publishes the results of every closed survey that has none yet — closed by its
    /// date, or by hand when publishing failed (the database gone for a moment).
    /// </summary>
    public async Task PublishClosedAsync()
    {
        var unpublished = await db.Surveys.AsNoTracking().Include(s => s.Roles)
            .Where(s => s.Status == SurveyStatus.Closed && s.RawAnswersDeletedOn == null && !db.ResultsSnapshots.Any(r => r.SurveyId == s.Id))
            .ToListAsync();
        foreach (var survey in unpublished)
        {
            await PublishAsync(survey);
        }
    }

    /// <summary>Why two waves cannot be compared any more (the retention period deleted raw answers), or null.</summary>
    public static Sentence? RawAnswersGone(Survey earlier, Survey later) =>
        new[] { earlier, later }.FirstOrDefault(s => s?.RawAnswersDeletedOn is not null) is { } gone
            ? new Sentence("The raw answers of “{0}” were deleted on {1} after the retention period; waves can no longer be compared with it. Its results are kept.", gone.Title, gone.RawAnswersDeletedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// The changes from an earlier wave to this one, for the ties reportable in both (at the larger
    /// of the two minimum group sizes), with Welch's t-test; null unless both waves are closed (and
    /// their results published), so a comparison never moves either.
    /// </summary>
    public async Task<ImmutableArray<TieChange>?> CompareAsync(Survey earlier, Survey later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var now = clock.GetUtcNow();
        if (!earlier.IsClosedAt(now) || !later.IsClosedAt(now))
        {
            return null;
        }

        await EnsurePublishedAsync(earlier);
        await EnsurePublishedAsync(later);
        // Both waves are closed, so their answers never change: compare once, then from memory
        // (reading two waves of 20,000 respondents took seconds on every request).
        var minGroupSize = Math.Max(earlier.MinGroupSize, later.MinGroupSize);
        return await cache.GetOrCompareAsync(earlier.Id, later.Id, minGroupSize, async () =>
            WaveComparison.Compare(await ResponsesAsync(earlier), await ResponsesAsync(later), new ScoringOptions(minGroupSize, anonymous: true)));
    }

    /// <summary>
    /// A survey's stored responses as the engine's response set, every role of the survey (and every
    /// reporting group) declared, the respondents of a grouped role reported as their group's.
    /// Read with one plain query straight into the builder: hundreds of thousands of answers
    /// would take seconds to become entities first.
    /// </summary>
    public async Task<ResponseSet> ResponsesAsync(Survey survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var names = survey.Roles.ToDictionary(r => r.Id, r => r.Name);
        var reportedAs = survey.ReportedAs();
        var builder = new ResponseSetBuilder(survey.ReportedRoles.Select(r => r.Name));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            await using var command = new NpgsqlCommand($"""
                SELECT r."Id", r."RoleId", a."TargetRoleId", {AnswerColumns.Sql("a")}
                FROM "Responses" r JOIN "{AnswerColumns.Table}" a ON a."ResponseId" = r."Id" WHERE r."SurveyId" = $1
                """, connection);
            command.Parameters.AddWithValue(survey.Id);
            await using var reader = await command.ExecuteReaderAsync();
            var ids = new Dictionary<Guid, string>();
            var scores = new int?[Domain.Instrument.Dimensions.Count];
            while (await reader.ReadAsync())
            {
                var responseId = reader.GetGuid(0);
                if (!ids.TryGetValue(responseId, out var respondent))
                {
                    ids[responseId] = respondent = $"R{ids.Count + 1}";
                }

                for (var item = 0; item < scores.Length; item++)
                {
                    scores[item] = reader.IsDBNull(3 + item) ? null : reader.GetInt16(3 + item);
                }

                if (builder.Add(respondent, reportedAs[reader.GetGuid(1)], names[reader.GetGuid(2)], scores) is { } error)
                {
                    throw new InvalidOperationException($"A stored answer is not valid: {error.Message}");
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        return builder.Build();
    }

    private async Task SaveAsync(Guid surveyId, int responses, string result)
    {
        // Two instances may score at once; the one that writes last wins, and both wrote the same numbers
        // unless responses arrived in between — which the count then shows.
        var now = clock.GetUtcNow();
        try
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ResultsSnapshots" ("SurveyId", "Responses", "Scoring", "Result", "ComputedAt") VALUES ({surveyId}, {responses}, {ScoringVersion}, {result}::jsonb, {now})
                ON CONFLICT ("SurveyId") DO UPDATE SET "Responses" = EXCLUDED."Responses", "Scoring" = EXCLUDED."Scoring", "Result" = EXCLUDED."Result", "ComputedAt" = EXCLUDED."ComputedAt"
                """);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The survey was deleted meanwhile: nothing to keep.
        }
    }
}

/// <summary>An earlier wave of a survey, as the comparison offers it.</summary>
