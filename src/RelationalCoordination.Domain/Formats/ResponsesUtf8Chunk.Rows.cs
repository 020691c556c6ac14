using System.Text;

using RelationalCoordination.Domain.Responses;

namespace RelationalCoordination.Domain.Formats;

// A line's observation added: its names found (each spelling decoded once), checked as the
// builder checks them, and stored.
internal sealed partial class ResponsesUtf8Chunk
{
    // A line split the careful way: scores may be padded, names quoted.
    private bool Add(ReadOnlySpan<byte> data, ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        var packed = 0;
        for (var k = 0; k < 7; k++)
        {
            var score = data[from[3 + k]..to[3 + k]].Trim(" \t"u8);
            if (score.IsEmpty)
            {
                continue;
            }

            if (score.Length != 1 || (uint)(score[0] - '1') > 4)
            {
                return false;
            }

            packed |= (score[0] - '0') << (3 * k);
        }

        last = (0, -1, -1);
        return Add(data[from[0]..to[0]], data[from[1]..to[1]], data[from[2]..to[2]], packed, out _);
    }

    // A plain line: id, role and target end at the commas a, b and c.
    private bool Add(ReadOnlySpan<byte> data, int start, int a, int b, int c, int packed)
    {
        // A respondent's rows usually follow each other: the same "id,role" as the last row's is
        // taken as it is, without a table lookup.
        if (last.Respondent >= 0 && data[start..b].SequenceEqual(data[last.From..last.To]))
        {
            return Observe(last.Respondent, TargetOf(data[(b + 1)..c]), packed);
        }

        if (!Add(data[start..a], data[(a + 1)..b], data[(b + 1)..c], packed, out var respondent))
        {
            return false;
        }

        last = (start, b, respondent);
        return true;
    }

    private bool Add(ReadOnlySpan<byte> id, ReadOnlySpan<byte> roleName, ReadOnlySpan<byte> targetName, int packed, out int respondent)
    {
        var role = RoleOf(roleName, roleSpellings);
        respondent = RespondentOf(id, role);
        if (role < 0 || respondent < 0 || RespondentRole[respondent] != role)
        {
            return false;
        }

        return Observe(respondent, TargetOf(targetName), packed);
    }

    private bool Observe(int respondent, int target, int packed)
    {
        if (target < 0)
        {
            return false;
        }

        if (!MarkRated(respondent, target))
        {
            return false; // a duplicate (respondent, target)
        }

        if (Count == capacity)
        {
            return false; // more observations than lines: cannot be
        }

        var at = offset + Count++;
        (store.Respondent[at], store.Target[at], store.Scores[at]) = (respondent, target, ItemScores.FromPacked(packed));
        return true;
    }

    /// <summary>The id of a role name (trimmed), new ones numbered in order; −1 beyond the most roles a work process may have.</summary>
    public int RoleOf(string name)
    {
        if (!RoleIndex.TryGetValue(name, out var id))
        {
            if (RoleNames.Count == ResponseSetBuilder.MaxRoles)
            {
                return -1;
            }

            id = RoleNames.Count;
            RoleNames.Add(name);
            RoleIndex.Add(name, id);
        }

        return id;
    }

    // The target changes from row to row: its table is asked without trying its last match.
    private int TargetOf(ReadOnlySpan<byte> raw)
    {
        var known = targetSpellings.Find(raw, tryLast: false);
        return known >= 0 ? known : RoleOf(raw, targetSpellings);
    }

    // The role and target columns have tables of their own: each then mostly finds its last match.
    private int RoleOf(ReadOnlySpan<byte> raw, SpellingTable spellings)
    {
        var known = spellings.Find(raw);
        if (known >= 0)
        {
            return known;
        }

        var name = Name(raw);
        var id = name is null ? -1 : RoleOf(name);
        spellings.Add(raw, id);
        return id;
    }

    private int RespondentOf(ReadOnlySpan<byte> raw, int role)
    {
        var known = respondentSpellings.Find(raw);
        if (known >= 0 || role < 0)
        {
            return known;
        }

        var id = Name(raw);
        if (id is null)
        {
            return -1;
        }

        var (respondent, _) = RespondentOf(id, role);
        respondentSpellings.Add(raw, respondent);
        return respondent;
    }

    /// <summary>The respondent with this (trimmed) id, added with <paramref name="role"/> when new.</summary>
    public (int Respondent, bool IsNew) RespondentOf(string id, int role)
    {
        if (respondentIndex.TryGetValue(id, out var respondent))
        {
            return (respondent, false);
        }

        respondent = RespondentIds.Count;
        respondentIndex.Add(id, respondent);
        RespondentIds.Add(id);
        RespondentRole.Add(role);
        for (var w = 0; w < Words; w++)
        {
            Rated.Add(0);
        }

        return (respondent, true);
    }

    /// <summary>Marks a target rated by a respondent; false when it already was.</summary>
    public bool MarkRated(int respondent, int target)
    {
        ref var word = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Rated)[(respondent * Words) + (target / 64)];
        var bit = 1UL << (target % 64);
        var fresh = (word & bit) == 0;
        word |= bit;
        return fresh;
    }

    // A name as the text reader takes it: trimmed, a neutralising quote removed, trimmed again;
    // null when empty, or when the two trims disagree (left to the text reader, which checks the
    // survey's roles between them).
    private string? Name(ReadOnlySpan<byte> raw)
    {
        var text = Encoding.UTF8.GetString(raw).AsSpan().Trim();
        if (textFields == CsvTextFields.NeutraliseFormulas)
        {
            text = CsvFormulas.Restore(text);
        }

        return text.IsEmpty || text.Trim().Length != text.Length ? null : text.ToString();
    }
}
