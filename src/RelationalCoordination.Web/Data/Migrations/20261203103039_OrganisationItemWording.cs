using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationItemWording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ItemWordings",
                table: "Surveys",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ItemWordings",
                table: "Organisations",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ItemWordings",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "ItemWordings",
                table: "Organisations");
        }
    }
}
