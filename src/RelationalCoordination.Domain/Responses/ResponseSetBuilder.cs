using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Domain.Responses;

/// <summary>
/// Collects observations one by one, rejecting the invalid input the scoring method names
/// (a respondent with two roles, a duplicate respondent/target, empty names) before it is stored,
/// then builds an immutable <see cref="ResponseSet"/>.
/// </summary>
/// <remarks>
/// Names are trimmed of surrounding white space and then matched exactly (ordinal), so
/// "Nurses " and "Nurses" are one role while "nurses" is another.
/// </remarks>
public sealed partial class ResponseSetBuilder
{
    /// <summary>
    /// The most roles one work process may have. RC surveys have 3 to about 40; the cap keeps the
    /// engine's dense role-by-role tables small and turns a malformed file into a clear error.
    /// </summary>
    public const int MaxRoles = 500;

    private readonly List<string> roleNames = [];
    private readonly Dictionary<string, int> roleIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> roleLookup;

    private readonly List<string> respondentIds = [];
    private readonly List<int> respondentRole = [];
    private readonly Dictionary<string, int> respondentIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> respondentLookup;

    private readonly RatedTargets ratedTargets = new();

    private readonly List<int> observationRespondent = [];
    private readonly List<int> observationTarget = [];
    private readonly List<ItemScores> observationScores = [];
    private readonly List<int> observationLine = [];
    private int lastRespondent = -1;

    /// <summary>Starts an empty set.</summary>
    /// <param name="declaredRoles">
    /// Roles known in advance (a survey's role list); they appear in the results even when nobody
    /// answers as or about them.
    /// </param>
    public ResponseSetBuilder(IEnumerable<string>? declaredRoles = null)
    {
        roleLookup = roleIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        respondentLookup = respondentIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var role in declaredRoles ?? [])
        {
            var trimmed = (role ?? throw new ArgumentException("A declared role is null.", nameof(declaredRoles))).AsSpan().Trim();
            if (trimmed.IsEmpty)
            {
                throw new ArgumentException("A declared role name is empty.", nameof(declaredRoles));
            }

            RoleOf(trimmed);
        }

        if (roleNames.Count > MaxRoles)
        {
            throw new ArgumentException($"More than {MaxRoles} roles are declared.", nameof(declaredRoles));
        }
    }

    /// <summary>The number of observations added so far.</summary>
    public int ObservationCount => observationTarget.Count;

    /// <summary>
    /// Adds one observation, or returns why it is invalid (and stores nothing of it).
    /// </summary>
    /// <param name="respondentId">The respondent's identifier, unique per respondent.</param>
    /// <param name="role">The respondent's role.</param>
    /// <param name="targetRole">The role the observation is about; may be the respondent's own.</param>
    /// <param name="scores">The seven item scores.</param>
    /// <param name="line">Where the observation comes from (a file's line), quoted in later errors.</param>
    public ResponseError? Add(string respondentId, string role, string targetRole, ItemScores scores, int? line = null) =>
        Add(respondentId.AsSpan(), role.AsSpan(), targetRole.AsSpan(), scores, line);

    /// <summary>
    /// Adds one observation from raw item scores in survey order (null = not applicable), or
    /// returns why it is invalid, naming the respondent, the target and the item.
    /// </summary>
    public ResponseError? Add(string respondentId, string role, string targetRole, ReadOnlySpan<int?> scores, int? line = null)
    {
        if (!ItemScores.TryCreate(scores, out var itemScores, out var error))
        {
            var item = "scores";
            for (var k = 0; k < scores.Length && k < Dimensions.Count; k++)
            {
                if (scores[k] is < ItemScores.MinScore or > ItemScores.MaxScore)
                {
                    item = ((Dimension)k).Key();
                    break;
                }
            }

            return new ResponseError(item, $"respondent '{respondentId?.Trim()}', target role '{targetRole?.Trim()}': {error}");
        }

        return Add(respondentId, role, targetRole, itemScores, line);
    }

    /// <inheritdoc cref="Add(string, string, string, ItemScores, int?)"/>
    public ResponseError? Add(
        ReadOnlySpan<char> respondentId, ReadOnlySpan<char> role, ReadOnlySpan<char> targetRole, ItemScores scores, int? line = null)
    {
        respondentId = respondentId.Trim();
        role = role.Trim();
        targetRole = targetRole.Trim();
        if (respondentId.IsEmpty)
        {
            return new ResponseError("respondent_id", "the respondent id is empty");
        }

        if (role.IsEmpty)
        {
            return new ResponseError("role", $"respondent '{respondentId}' has an empty role");
        }

        if (targetRole.IsEmpty)
        {
            return new ResponseError("target_role", $"respondent '{respondentId}' has an empty target role");
        }

        var roleKnown = roleLookup.TryGetValue(role, out var roleId);
        var targetKnown = roleLookup.TryGetValue(targetRole, out var targetId);

        // Rows of one respondent usually follow each other: compare with the last one before hashing.
        int respondent;
        var respondentExists = lastRespondent >= 0 && respondentId.SequenceEqual(respondentIds[lastRespondent])
            ? (respondent = lastRespondent) >= 0
            : respondentLookup.TryGetValue(respondentId, out respondent);
        if (respondentExists)
        {
            if (!roleKnown || roleId != respondentRole[respondent])
            {
                return new ResponseError(
                    "role",
                    $"respondent '{respondentId}' has role '{role}' here but '{roleNames[respondentRole[respondent]]}'{OnLine(FirstLineOf(respondent, -1))}; a respondent has exactly one role");
            }

            if (targetKnown && ratedTargets.Has(respondent, targetId))
            {
                return new ResponseError(
                    "target_role",
                    $"respondent '{respondentId}' already rated target role '{targetRole}'{OnLine(FirstLineOf(respondent, targetId))}; one observation per respondent and target");
            }
        }

        var sameRole = role.SequenceEqual(targetRole);
        var newRoles = (roleKnown ? 0 : 1) + (targetKnown || sameRole ? 0 : 1);
        if (roleNames.Count + newRoles > MaxRoles)
        {
            return new ResponseError(roleKnown ? "target_role" : "role", $"more than {MaxRoles} roles; a work process has at most {MaxRoles}");
        }

        // Valid: only now touch the stores, so a rejected observation leaves nothing behind.
        if (!roleKnown)
        {
            roleId = RoleOf(role);
        }

        if (!targetKnown)
        {
            targetId = sameRole ? roleId : RoleOf(targetRole);
        }

        if (!respondentExists)
        {
            respondent = respondentIds.Count;
            var id = respondentId.ToString();
            respondentIndex.Add(id, respondent);
            respondentIds.Add(id);
            respondentRole.Add(roleId);
            ratedTargets.AddRespondent();
        }

        ratedTargets.Mark(respondent, targetId);
        observationRespondent.Add(respondent);
        observationTarget.Add(targetId);
        observationScores.Add(scores);
        observationLine.Add(line ?? 0);
        lastRespondent = respondent;
        return null;
    }

    private int RoleOf(ReadOnlySpan<char> name)
    {
        if (!roleLookup.TryGetValue(name, out var index))
        {
            index = roleNames.Count;
            var text = name.ToString();
            roleNames.Add(text);
            roleIndex.Add(text, index);
        }

        return index;
    }

    /// <summary>The line of a respondent's first observation (about <paramref name="target"/>, or any when −1); error path only.</summary>
    private int FirstLineOf(int respondent, int target)
    {
        for (var o = 0; o < observationRespondent.Count; o++)
        {
            if (observationRespondent[o] == respondent && (target < 0 || observationTarget[o] == target))
            {
                return observationLine[o];
            }
        }

        return 0;
    }

    private static string OnLine(int line) => line > 0 ? $" on line {line}" : " earlier";
}
