using System.Globalization;
using System.Text;

namespace RelationalCoordination.Benchmarks;

/// <summary>
/// A deterministic synthetic survey the size of a large health system: roles of unequal size,
/// tie strengths that differ by pair, respondent noise, some "not applicable" answers and
/// some short observations. Its own random generator (SplitMix64) keeps the bytes identical
/// across .NET versions.
/// </summary>
internal static class Workload
{
    private static readonly string[] RoleNames =
    [
        "Physicians", "Residents", "Registered nurses", "Nurse aides", "Pharmacists", "Physical therapists",
        "Occupational therapists", "Social workers", "Case managers", "Dietitians", "Respiratory therapists",
        "Radiographers", "Lab technicians", "Porters", "Unit secretaries", "Chaplains", "Speech therapists",
        "Anaesthetists", "Surgeons", "Midwives", "Psychologists", "Home care nurses", "GPs", "Paramedics",
        "Cleaners", "Ward clerks", "Infection control", "Bed managers", "Discharge coordinators", "IT support",
        "Interpreters", "Volunteers", "Patients", "Family members", "Nurse managers", "Medical directors",
        "Quality officers", "Transport staff", "Kitchen staff", "Security",
    ];

    public static int Generate(string[] args)
    {
        var respondents = Int(args, "--respondents", 20_000);
        var roles = Int(args, "--roles", 40);
        var coverage = double.Parse(Option(args, "--coverage") ?? "0.92", CultureInfo.InvariantCulture);
        var seed = (ulong)Int(args, "--seed", 1);
        var output = Option(args, "--out") ?? throw new ArgumentException("--out FILE is required");
        var random = new SplitMix64(seed);

        var names = Enumerable.Range(0, roles).Select(i => i < RoleNames.Length ? RoleNames[i] : $"Role {i + 1}").ToArray();
        // Unequal role sizes (1/(rank+2) weights) and a pair-specific tie mean between 2.2 and 4.6.
        var weights = Enumerable.Range(0, roles).Select(i => 1.0 / (i + 2)).ToArray();
        var total = weights.Sum();
        var tieMean = new double[roles, roles];
        for (var a = 0; a < roles; a++)
        {
            for (var b = 0; b < roles; b++)
            {
                tieMean[a, b] = a == b ? 3.8 + 0.8 * random.NextDouble() : 2.2 + 2.4 * random.NextDouble();
            }
        }

        using var writer = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("respondent_id,role,target_role,frequent,timely,accurate,problem_solving,shared_goals,shared_knowledge,mutual_respect\n");
        var line = new StringBuilder();
        long observations = 0;
        for (var r = 0; r < respondents; r++)
        {
            var pick = random.NextDouble() * total;
            var role = 0;
            while (role < roles - 1 && (pick -= weights[role]) > 0)
            {
                role++;
            }

            var bias = (random.NextDouble() - 0.5) * 1.2;
            for (var target = 0; target < roles; target++)
            {
                if (random.NextDouble() >= coverage)
                {
                    continue;
                }

                var shortObservation = random.NextDouble() < 0.02;
                line.Clear().Append("R-").Append(r.ToString("D6", CultureInfo.InvariantCulture)).Append(',')
                    .Append(names[role]).Append(',').Append(names[target]);
                for (var k = 0; k < 7; k++)
                {
                    line.Append(',');
                    var missing = shortObservation ? k >= 3 : random.NextDouble() < 0.03;
                    if (!missing)
                    {
                        var score = Math.Round(tieMean[role, target] + bias + (random.NextDouble() - 0.5) * 2.0);
                        line.Append((int)Math.Clamp(score, 1, 5));
                    }
                }

                writer.Write(line.Append('\n'));
                observations++;
            }
        }

        Console.WriteLine($"{output}: {respondents} respondents, {roles} roles, {observations} observations");
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    internal static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public double NextDouble()
        {
            var z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
