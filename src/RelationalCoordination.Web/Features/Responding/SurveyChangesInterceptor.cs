using System.Runtime.CompilerServices;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Features.Responding;

/// <summary>
/// Tells <see cref="SurveyDefinitions"/> when a save added, changed or deleted a survey or one of
/// its roles, so the respondent pages read it again at once. After the save, not before: a page
/// that read the survey while the save was under way must not keep what it read as current.
/// (Bulk updates and deletes bypass SaveChanges; their callers tell <see cref="SurveyDefinitions"/> themselves.)
/// </summary>
public sealed class SurveyChangesInterceptor(SurveyDefinitions definitions) : SaveChangesInterceptor
{
    // The contexts whose save in progress changes a survey. One interceptor serves every context
    // (a pooled context's options are shared), so the mark travels with the context, not in a field.
    private readonly ConditionalWeakTable<DbContext, object> changing = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.Entity is Survey or SurveyRole && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            changing.AddOrUpdate(context, context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && changing.Remove(context))
        {
            definitions.Changed();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            changing.Remove(context);
        }
    }
}
