using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Data.Configurations;
using RelationalCoordination.Web.Infrastructure;

namespace RelationalCoordination.Web.Features.Surveys;

/// <summary>
/// Combines small answering roles into a reporting group, or splits one again (the close page's
/// forms). Only while the survey is open: the grouping in place when it closes is the one its
/// results are computed with, once (decision 0020).
/// </summary>
public sealed class GroupRoles(AppDbContext db, TimeProvider clock, AuditLog audit)
{
    public const string OnlyWhileOpen = "Roles can be grouped for reporting only while the survey is open: a closed survey's results are fixed.";

    public async Task<Outcome<ReportingGroup>> CombineAsync(Guid organisationId, Guid id, string? name, IReadOnlyCollection<Guid> roleIds)
    {
        ArgumentNullException.ThrowIfNull(roleIds);
        if (await db.FindAsync(organisationId, id, tracking: true) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (survey.Status != SurveyStatus.Open || survey.IsClosedAt(clock.GetUtcNow()))
        {
            return Refusal.Conflict(OnlyWhileOpen);
        }

        var errors = new Dictionary<string, string[]>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors["Name"] = ["Give the group a name, for example “Pharmacists and pharmacy technicians”."];
        }
        else if (trimmed.Length > SurveyRoleConfiguration.NameMaxLength)
        {
            errors["Name"] = [$"A group name can have at most {SurveyRoleConfiguration.NameMaxLength} characters."];
        }
        else if (survey.Roles.Select(r => r.Name).Concat(survey.ReportingGroups.Select(g => g.Name)).FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            errors["Name"] = [$"A role or group is already called “{taken}”: choose another name."];
        }

        var grouped = survey.ReportingGroups.SelectMany(g => g.Members).Select(m => m.RoleId).ToHashSet();
        var roles = roleIds.Distinct().Select(r => survey.Roles.SingleOrDefault(role => role.Id == r)).ToList();
        if (roles.Count < 2)
        {
            errors["Roles"] = ["Choose at least two answering roles to combine."];
        }
        else if (roles.Any(r => r is null || !r.Answers))
        {
            errors["Roles"] = ["Only this survey's answering roles can be combined."];
        }
        else if (roles.FirstOrDefault(r => grouped.Contains(r!.Id)) is { } again)
        {
            errors["Roles"] = [$"“{again.Name}” is already in a group: split that group first."];
        }

        if (errors.Count > 0)
        {
            return Refusal.Invalid("The group was not made: nothing was stored.", errors);
        }

        var group = new ReportingGroup { Id = Guid.NewGuid(), Name = trimmed, Members = [.. roles.Select(r => new ReportingGroupMember { RoleId = r!.Id })] };
        survey.ReportingGroups.Add(group);
        survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: reporting group “{group.Name}” of {string.Join(", ", roles.Select(r => $"“{r!.Name}”"))}");
        return await db.SavedAsync() ? group : Refusal.Conflict(Refusal.ChangedMeanwhile);
    }

    public async Task<Outcome<Survey>> SplitAsync(Guid organisationId, Guid id, Guid groupId)
    {
        if (await db.FindAsync(organisationId, id, tracking: true) is not { } survey)
        {
            return Refusal.NotFound();
        }

        if (survey.Status != SurveyStatus.Open || survey.IsClosedAt(clock.GetUtcNow()))
        {
            return Refusal.Conflict(OnlyWhileOpen);
        }

        if (survey.ReportingGroups.SingleOrDefault(g => g.Id == groupId) is not { } group)
        {
            return Refusal.NotFound("No such reporting group in this survey.");
        }

        survey.ReportingGroups.Remove(group);
        survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(organisationId, AuditActions.SurveyChanged, $"{AuditLog.Survey(survey)}: reporting group “{group.Name}” split");
        return await db.SavedAsync() ? survey : Refusal.Conflict(Refusal.ChangedMeanwhile);
    }
}
