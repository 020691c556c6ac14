using FluentValidation;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using RelationalCoordination.Web.Data;
using RelationalCoordination.Web.Infrastructure.Options;

using Serilog;

namespace RelationalCoordination.Web.Infrastructure;

public static class ServiceExtensions
{
    /// <summary>
    /// Serilog to the console, and to a daily rolling file when <c>Logging:File</c> names one. Each
    /// app has its own logger (the static one is left alone), so two apps in one process — tests,
    /// mostly — never write into each other's log.
    /// </summary>
    public static WebApplicationBuilder AddRcLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LogFileOptions>().BindConfiguration(LogFileOptions.Section).ValidateOnStart();
        builder.Services.AddSerilog((services, logger) =>
        {
            // Written by a background thread: a request only queues its line (one per request, so
            // under load a synchronous write to the console was a system call and a lock on every request).
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .WriteTo.Async(sinks => WriteTo(sinks, services.GetRequiredService<IOptions<LogFileOptions>>().Value), blockWhenFull: true);
        }, preserveStaticLogger: true);
        return builder;
    }

    private static void WriteTo(Serilog.Configuration.LoggerSinkConfiguration sinks, LogFileOptions log)
    {
        sinks.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (log.File is { Length: > 0 } path)
        {
            sinks.File(path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public static IServiceCollection AddRcData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptions.Validator>();
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptions.Validator>();
        // Pooled: under load, building a context and its options for every request costs CPU that submits need.
        services.AddDbContextPool<AppDbContext>((provider, options) =>
        {
            var connectionString = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Default!;
            options.UseNpgsql(Tuned(connectionString))
                .AddInterceptors(provider.GetRequiredService<Features.Responding.SurveyChangesInterceptor>());
        });
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        // Keys in the database: cookies and antiforgery tokens are valid on every app instance.
        services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("RelationalCoordination");
        services.AddSingleton<Features.Responding.SurveyDefinitions>();
        services.AddSingleton<Features.Responding.SurveyChangesInterceptor>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new KeyedHash(provider.GetRequiredService<IOptions<SecretsOptions>>().Value.KeyBytes()));
        return services;
    }

    /// <summary>
    /// The connection string with two Npgsql settings the app is measured with, unless it sets them
    /// itself: statements prepared once per connection (PostgreSQL parses and plans the respondent
    /// pages' few statements once, not on every request), and no state reset when a pooled
    /// connection is returned (the app keeps none beyond a transaction). Together they took the
    /// respondent pages from 63 to 87 responses a second in <c>bench/load.sh</c>.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ShouldSerialize("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 50;
        }

        if (!builder.ShouldSerialize("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    public static IServiceCollection AddRcAccounts(this IServiceCollection services)
    {
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptions.Validator>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/signin";
            cookie.LogoutPath = "/account/signout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "rc.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        services.AddIdentityCore<AppUser>(options =>
            {
                // Length over composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = Features.Accounts.AccountRules.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<AppDbContext>();
        services.AddAuthorization();
        return services;
    }

    public static IServiceCollection AddRcPages(this IServiceCollection services)
    {
        services.AddScoped<CurrentOrganisation>();
        services.AddHttpContextAccessor();
        services.AddRcLocalisation();
        services.AddScoped<AuditLog>();
        services.AddScoped<Features.Responding.PublishedSurveys>();
        services.AddScoped<Features.Responding.DraftStore>();
        services.AddScoped<Features.Responding.ResponseBatches>();
        services.AddScoped<Features.Responding.DraftSweeper>();
        services.AddOptions<Features.Responding.RespondentsOptions>().BindSettings(Features.Responding.RespondentsOptions.Section).ValidateOnStart();
        services.AddHostedService<Features.Responding.RespondentHousekeeping>();
        services.AddScoped<Features.Results.SurveyResults>();
        services.AddScoped<Features.Responses.ResponseImport>();
        // One service per action, for the pages and the API alike.
        services.AddScoped<Features.Surveys.CreateSurvey>();
        services.AddScoped<Features.Surveys.EditSurvey>();
        services.AddScoped<Features.Surveys.OpenSurvey>();
        services.AddScoped<Features.Surveys.CloseSurvey>();
        services.AddScoped<Features.Surveys.GroupRoles>();
        services.AddScoped<Features.Surveys.DeleteSurvey>();
        services.AddScoped<Features.Responses.ImportResponses>();
        services.AddScoped<Features.Responses.ExportResponses>();
        services.AddScoped<Features.Results.ExportResults>();
        services.AddScoped<Features.Surveys.SurveySeries>();
        services.AddScoped<Features.Surveys.TranslateSurvey>();
        services.AddScoped<Features.Results.SeriesResults>();
        services.AddScoped<Features.Change.PlanIntervention>();
        services.AddScoped<Features.Change.AssessStructures>();
        services.AddScoped<Features.Change.RecordOutcomes>();
        services.AddScoped<Features.Change.FeedbackSessions>();
        services.AddScoped<Features.Responding.SubmitCompleteResponse>();
        services.AddOptions<Features.Surveys.SurveysOptions>().BindSettings(Features.Surveys.SurveysOptions.Section).ValidateOnStart();
        services.AddSingleton(provider => new Features.Surveys.SurveyLimits(provider.GetRequiredService<IOptions<Features.Surveys.SurveysOptions>>()));
        services.AddSingleton<Features.Results.ResultsCache>();
        services.AddScoped<Features.Organisations.DataRetention>();
        services.AddScoped<Features.Organisations.SaveItemWording>();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Orgs");
            options.Conventions.AuthorizeFolder("/Account/Manage");
            options.Conventions.AuthorizePage("/Invitations/Accept");
            options.Conventions.ConfigureFilter(new OrganisationScopeFilter());
            options.Conventions.AddFolderApplicationModelConvention("/Respond", page => page.Filters.Add(new Pages.Respond.StaleFormFilter()));
        }).AddViewLocalization().AddMvcOptions(mvc =>
            // FluentValidation owns the messages; no implicit "The X field is required." beside them.
            mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddAntiforgery(options => options.Cookie.Name = "rc.af");
        return services;
    }
}
