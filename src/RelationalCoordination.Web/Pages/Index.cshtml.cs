using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

using RelationalCoordination.Web.Data;

namespace RelationalCoordination.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Redirect("/orgs");
        }

        // First run: nobody can sign in yet, so the first visitor sets the application up.
        return await db.Users.AnyAsync() ? Page() : Redirect("/setup");
    }
}
