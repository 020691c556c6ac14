using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

/// <summary>
/// The responses format read straight from UTF-8 bytes, for the files that large surveys and
/// research data sets are: the canonical header, one observation per line, scores a single digit
/// or empty, names quoted at most simply. Each distinct spelling of a name is decoded once; a large
/// file is read in two halves at once, one per core, and the halves merged.
/// </summary>
/// <remarks>
/// This is a fast path, not a second definition of the format. It accepts a file only when every
/// line is plainly valid and returns exactly the set the text reader (<c>ResponsesCsv.Validate</c>
/// of a string) builds; on anything else — a problem, a reordered header, a doubled quote, a score
/// written "05" — it declines (null), and the text reader reads the file and names each problem
/// with its line and field. So errors stay the text reader's, word for word.
/// </remarks>
internal static class ResponsesUtf8
{
    /// <summary>Below this size a second thread costs more than it saves.</summary>
    private const int HalvesFrom = 1 << 20;

    private static ReadOnlySpan<byte> CanonicalHeader =>
        "respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect"u8;

    /// <summary>The set the text reader would build from these bytes, or null to leave the file to it.</summary>
    public static ResponseSet? TryRead(
        ReadOnlyMemory<byte> file, IEnumerable<string>? declaredRoles, Func<string, string, ResponseError?>? checkRoles, CsvTextFields textFields)
    {
        if (file.Span.StartsWith("\uFEFF"u8))
        {
            file = file[3..];
        }

        var bytes = file.Span;
        if (!bytes.StartsWith(CanonicalHeader))
        {
            return null;
        }

        var rest = bytes[CanonicalHeader.Length..];
        if (!ResponsesUtf8Chunk.NextLine(ref rest, out var headerEnd) || !headerEnd.IsEmpty)
        {
            return null;
        }

        var start = bytes.Length - rest.Length;
        var middle = bytes.Length - start < HalvesFrom ? bytes.Length : start + ((bytes.Length - start) / 2);
        if (middle < bytes.Length)
        {
            var newline = bytes[middle..].IndexOf((byte)'\n');
            middle = newline < 0 ? bytes.Length : middle + newline + 1;
        }

        if (middle == bytes.Length)
        {
            var lines = ResponsesUtf8Chunk.Lines(bytes[start..]);
            if (lines < 0)
            {
                return null;
            }

            var whole = new ResponsesUtf8Chunk(textFields, new Observations(lines), 0, lines);
            return Declare(whole, declaredRoles) && whole.Read(bytes, start, middle) ? Finish(whole, null, lines, checkRoles) : null;
        }

        // One observation per line: check and count each half's lines (one per core; a line end is
        // never inside a UTF-8 sequence), then read each half into its own part of one set of arrays.
        var secondLines = Task.Run(() => ResponsesUtf8Chunk.Lines(file.Span[middle..]));
        var firstLines = ResponsesUtf8Chunk.Lines(bytes[start..middle]);
        var otherLines = secondLines.GetAwaiter().GetResult();
        if (firstLines < 0 || otherLines < 0)
        {
            return null;
        }

        var store = new Observations(firstLines + otherLines);
        var first = new ResponsesUtf8Chunk(textFields, store, 0, firstLines);
        var second = new ResponsesUtf8Chunk(textFields, store, firstLines, store.Target.Length - firstLines);
        if (!Declare(first, declaredRoles))
        {
            return null;
        }

        var secondRead = Task.Run(() => second.Read(file.Span, middle, file.Length));
        var firstRead = first.Read(bytes, start, middle);
        return secondRead.GetAwaiter().GetResult() && firstRead ? Finish(first, second, firstLines, checkRoles) : null;
    }

    private static bool Declare(ResponsesUtf8Chunk chunk, IEnumerable<string>? declaredRoles)
    {
        foreach (var role in declaredRoles ?? [])
        {
            var name = role?.Trim();
            if (string.IsNullOrEmpty(name) || chunk.RoleOf(name) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The second half's roles and respondents renumbered as the first half's, checked, and the set built.</summary>
    private static ResponseSet? Finish(ResponsesUtf8Chunk first, ResponsesUtf8Chunk? second, int secondAt, Func<string, string, ResponseError?>? checkRoles)
    {
        var store = first.Store;
        if (second is not null && !Merge(first, second, store.Respondent.AsSpan(secondAt, second.Count), store.Target.AsSpan(secondAt, second.Count)))
        {
            return null;
        }

        var count = first.Count + (second?.Count ?? 0);
        store.Compact(first.Count, second is null ? 0 : secondAt - first.Count, count);
        if (checkRoles is not null && !RolesAccepted(first, store.Respondent, store.Target, checkRoles))
        {
            return null;
        }

        return ResponseSetBuilder.FreezeOwned(first.RoleNames, first.RoleIndex, first.RespondentIds, first.RespondentRole, store.Respondent, store.Target, store.Scores);
    }

    private static bool Merge(ResponsesUtf8Chunk first, ResponsesUtf8Chunk second, Span<int> respondentOf, Span<int> targetOf)
    {
        var roles = new int[second.RoleNames.Count];
        for (var r = 0; r < roles.Length; r++)
        {
            if ((roles[r] = first.RoleOf(second.RoleNames[r])) < 0)
            {
                return false;
            }
        }

        var respondents = new int[second.RespondentIds.Count];
        for (var r = 0; r < respondents.Length; r++)
        {
            var role = roles[second.RespondentRole[r]];
            var (respondent, isNew) = first.RespondentOf(second.RespondentIds[r], role);
            if (first.RespondentRole[respondent] != role || (!isNew && !RatedOnce(first, respondent, second, r, roles)))
            {
                return false;
            }

            respondents[r] = respondent;
        }

        for (var o = 0; o < respondentOf.Length; o++)
        {
            respondentOf[o] = respondents[respondentOf[o]];
            targetOf[o] = roles[targetOf[o]];
        }

        return true;
    }

    // A respondent whose rows are in both halves: no target rated in both.
    private static bool RatedOnce(ResponsesUtf8Chunk first, int respondent, ResponsesUtf8Chunk second, int other, int[] roles)
    {
        var words = ResponsesUtf8Chunk.Words;
        for (var target = 0; target < second.RoleNames.Count; target++)
        {
            if ((second.Rated[(other * words) + (target / 64)] & (1UL << (target % 64))) != 0
                && !first.MarkRated(respondent, roles[target]))
            {
                return false;
            }
        }

        return true;
    }

    // The survey's check of each (role, target) pair in the file, asked once per pair.
    private static bool RolesAccepted(ResponsesUtf8Chunk set, int[] respondentOf, int[] targetOf, Func<string, string, ResponseError?> checkRoles)
    {
        var roles = set.RoleNames.Count;
        var seen = new bool[roles * roles];
        for (var o = 0; o < respondentOf.Length; o++)
        {
            seen[(set.RespondentRole[respondentOf[o]] * roles) + targetOf[o]] = true;
        }

        for (var pair = 0; pair < seen.Length; pair++)
        {
            if (seen[pair] && checkRoles(set.RoleNames[pair / roles], set.RoleNames[pair % roles]) is not null)
            {
                return false;
            }
        }

        return true;
    }
}
