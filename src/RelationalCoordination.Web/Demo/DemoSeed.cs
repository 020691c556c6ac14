using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Domain.Formats;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Responses;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Demo;

/// <summary>
/// <c>--demo</c>: a demo organisation and user with two closed, fully answered waves of a
/// discharge survey built from the project's reference data, so a newcomer sees real results at
/// once, and a third wave open for answers, so they can answer it on their phone as staff would.
/// Between waves 1 and 2 a change team held a feedback session and worked on three ties (<see cref="DemoChange"/>).
/// </summary>
public static class DemoSeed
{
    public const string Email = "demo@example.org";
    public const string Password = "demo-password";
    public const string OrganisationName = "Demo Hospital";

    public static async Task SeedDemoAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();

        var user = await users.FindByEmailAsync(Email);
        if (user is null)
        {
            user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, CreatedAt = now };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }

        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.Organisation!.Name == OrganisationName))
        {
            var organisation = new Organisation { Id = Guid.NewGuid(), Name = OrganisationName, CreatedAt = now };
            db.Organisations.Add(organisation);
            db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = user.Id, Role = OrgRole.Owner, CreatedAt = now });
            var wave1 = AddSurvey(db, organisation.Id, "Discharging a patient — wave 1", Load("hospital-wave1.csv"), now.AddMonths(-8), null);
            var wave2 = Load("hospital-wave2.csv");
            var closed = AddSurvey(db, organisation.Id, "Discharging a patient — wave 2", wave2, now.AddMonths(-2), wave1.Id);
            var open = AddSurvey(db, organisation.Id, "Discharging a patient — wave 3", wave2, now, closed.Id, withAnswers: false);
            DemoChange.Add(db, wave1, closed, now);
            open.Status = SurveyStatus.Open;
            open.PublicKey = Features.Responding.RespondentCodes.NewSurveyKey();
            open.UpdatedAt = now;
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"Demo: sign in as {Email} with password {Password} (organisation \"{OrganisationName}\"); wave 3 is open for answers, its links are on its Share page.");
    }

    private static ResponseSet Load(string name)
    {
        using var stream = typeof(DemoSeed).Assembly.GetManifestResourceStream($"Demo.{name}")
            ?? throw new InvalidOperationException($"The demo data {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return ResponsesCsv.Parse(reader.ReadToEnd());
    }

    private static Survey AddSurvey(AppDbContext db, Guid organisationId, string title, ResponseSet responses, DateTimeOffset opened, Guid? previousWave, bool withAnswers = true)
    {
        var respondentRoles = responses.Respondents.GroupBy(r => r.Role).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var survey = new Survey
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Title = title,
            WorkProcess = "discharging a patient",
            Introduction = "We want to learn how well the roles involved in discharging a patient work together.",
            FrequencyVariant = FrequencyVariant.Frequency,
            MinGroupSize = 5,
            OpensAt = opened,
            ClosesAt = opened.AddDays(21),
            Status = SurveyStatus.Closed,
            PreviousWaveId = previousWave,
            CreatedAt = opened.AddDays(-7),
            UpdatedAt = opened.AddDays(21),
        };
        var roles = responses.Roles.Select((name, i) => new SurveyRole
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            Name = name,
            Answers = respondentRoles.ContainsKey(name),
            IsRated = true,
            IsBoundarySpanner = name == "Case managers",
            ExpectedHeadcount = respondentRoles.TryGetValue(name, out var count) ? count + count / 4 + 1 : null,
            Position = i,
        }).ToList();
        survey.Roles = roles;
        db.Surveys.Add(survey);

        if (!withAnswers)
        {
            return survey;
        }

        var roleIds = roles.ToDictionary(r => r.Name, r => r.Id, StringComparer.Ordinal);
        var day = DateOnly.FromDateTime(opened.UtcDateTime);
        var i = 0;
        foreach (var respondent in responses.Respondents)
        {
            db.Responses.Add(ResponseMapping.ToResponse(respondent, survey.Id, roleIds, day.AddDays(i++ % 21)));
        }

        return survey;
    }
}
