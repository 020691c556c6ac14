using RelationalCoordination.Domain.Change;
using RelationalCoordination.Domain.Instrument;
using RelationalCoordination.Domain.Scoring;
using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Demo;

/// <summary>
/// The demo's change story between waves 1 and 2: a feedback session where the roles predicted
/// their ties, a look at the structures between social workers and pharmacists, three
/// interventions on the pharmacists' ties, and outcome measures for both waves. Wave 2's
/// comparison then sets the three targeted ties against the others.
/// </summary>
internal static class DemoChange
{
    public static void Add(AppDbContext db, Survey wave1, Survey wave2, DateTimeOffset now)
    {
        var held = DateOnly.FromDateTime(wave1.ClosesAt!.Value.UtcDateTime).AddDays(14);
        db.FeedbackSessions.Add(new FeedbackSession
        {
            Id = Guid.NewGuid(),
            SurveyId = wave1.Id,
            Name = "Feedback session with the discharge team",
            HeldOn = held,
            CreatedAt = now,
            UpdatedAt = now,
            Predictions =
            [
                Predict("Social workers", "Pharmacists", TieBand.Moderate),
                Predict("Social workers", "Physicians", TieBand.Weak),
                Predict("Physical therapists", "Case managers", TieBand.Strong),
                Predict("Physical therapists", "Pharmacists", TieBand.Moderate),
                Predict("Pharmacists", "Residents", TieBand.Moderate),
                Predict("Pharmacists", "Physicians", TieBand.Strong),
                Predict("Physicians", "Case managers", TieBand.Strong),
                Predict("Physicians", "Residents", TieBand.Moderate),
            ],
        });

        db.StructuralAssessments.Add(new StructuralAssessment
        {
            Id = Guid.NewGuid(),
            SurveyId = wave1.Id,
            RoleA = "Pharmacists",
            RoleB = "Social workers",
            CreatedAt = now,
            UpdatedAt = now,
            Ratings =
            [
                Rate("shared-meetings", StructurePresence.Absent, "Pharmacists are not at the discharge huddle."),
                Rate("shared-protocols", StructurePresence.Weak, "The discharge checklist has no medication step."),
                Rate("shared-information-systems", StructurePresence.Weak, "Medication changes are in the pharmacy system only."),
                Rate("boundary-spanner-role", StructurePresence.Present, "Case managers, but with 30 patients each."),
                Rate("training-for-teamwork", StructurePresence.Absent, null),
                Rate("shared-accountability", StructurePresence.Weak, null),
            ],
        });

        var start = held.AddDays(7);
        db.Interventions.AddRange(
            Plan(wave1.Id, "conversations-of-interdependence", "Conversations of interdependence", "Discharge change team", start, InterventionStatus.Done,
                [("Social workers", "Pharmacists")], [Dimension.SharedKnowledge, Dimension.SharedGoals], now,
                new TestCycle { On = start, CurrentState = "Social workers learn of medication changes on the day of discharge.", DesiredState = "Both roles know each other's part of the discharge.", Experiment = "Three paired conversations with the five questions.", Learned = "Pharmacists did not know social workers arrange home-care medication." }),
            Plan(wave1.Id, "shared-meetings", "A pharmacist at the daily discharge huddle", "Head of pharmacy", start.AddDays(14), InterventionStatus.Done,
                [("Physical therapists", "Pharmacists"), ("Social workers", "Pharmacists")], [Dimension.Frequent, Dimension.Timely], now,
                new TestCycle { On = start.AddDays(14), CurrentState = "No pharmacist at the 9:00 huddle.", DesiredState = "Medication questions answered at the huddle.", Experiment = "A pharmacist joins on two wards for four weeks.", Learned = "Ten minutes a day settled most questions; spread to all wards." }),
            Plan(wave1.Id, "shared-protocols", "A medication step in the discharge checklist", "Chief resident", start.AddDays(30), InterventionStatus.Underway,
                [("Pharmacists", "Residents")], [Dimension.Accurate, Dimension.Timely], now,
                new TestCycle { On = start.AddDays(30), CurrentState = "Residents write discharge prescriptions late in the day.", DesiredState = "Prescriptions reach the pharmacy by noon.", Experiment = "A checklist step and a noon deadline on one ward." }));

        foreach (var (survey, stay, readmissions, turnover) in new[] { (wave1, 5.6m, 14.2m, 18.0m), (wave2, 5.1m, 12.9m, 16.5m) })
        {
            db.OutcomeMeasures.AddRange(
                Measure(survey.Id, OutcomeHeading.EfficiencyAndFinance, "Length of stay", stay, "days", now),
                Measure(survey.Id, OutcomeHeading.QualityAndSafety, "Readmissions within 30 days", readmissions, "%", now),
                Measure(survey.Id, OutcomeHeading.WorkerWellBeing, "Staff turnover", turnover, "%", now));
        }
    }

    private static TiePrediction Predict(string from, string to, TieBand band) => new() { FromRole = from, ToRole = to, Band = band };

    private static StructureRating Rate(string structure, StructurePresence presence, string? note) => new() { Structure = structure, Presence = presence, Note = note };

    private static Intervention Plan(Guid surveyId, string item, string name, string owner, DateOnly start, InterventionStatus status,
        (string From, string To)[] targets, Dimension[] dimensions, DateTimeOffset now, TestCycle cycle) => new()
        {
            Id = Guid.NewGuid(),
            SurveyId = surveyId,
            Kind = InterventionCatalogue.Get(item).Kind,
            CatalogueKey = item,
            Name = name,
            Owner = owner,
            StartsOn = start,
            EndsOn = start.AddDays(60),
            Status = status,
            Targets = [.. targets.Select(t => new TargetTie { FromRole = t.From, ToRole = t.To })],
            Dimensions = [.. dimensions],
            Cycles = [cycle],
            CreatedAt = now,
            UpdatedAt = now,
        };

    private static OutcomeMeasure Measure(Guid surveyId, OutcomeHeading heading, string name, decimal value, string unit, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), SurveyId = surveyId, Heading = heading, Name = name, Value = value, Unit = unit, LowerIsBetter = true, CreatedAt = now };
}
