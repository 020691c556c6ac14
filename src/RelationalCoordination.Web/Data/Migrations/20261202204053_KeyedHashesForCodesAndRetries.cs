using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyedHashesForCodesAndRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Codes keep their rows: renamed and widened here, and hashed with the configured key
            // when the app starts (PlainCodeUpgrade), since a migration cannot read the key.
            migrationBuilder.RenameColumn(name: "Code", table: "InvitationCodes", newName: "CodeHash");
            migrationBuilder.RenameIndex(name: "IX_InvitationCodes_Code", table: "InvitationCodes", newName: "IX_InvitationCodes_CodeHash");
            migrationBuilder.AlterColumn<string>(
                name: "CodeHash",
                table: "InvitationCodes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);

            // The stored retries hold plain SHA-256 hashes of answer bodies, which give the answers
            // away: they go. A retry of a request made before the upgrade is then a new request.
            migrationBuilder.Sql("""DELETE FROM "IdempotentRequests";""");
            migrationBuilder.DropColumn(name: "CreatedAt", table: "IdempotentRequests");
            migrationBuilder.AddColumn<DateOnly>(
                name: "CreatedOn",
                table: "IdempotentRequests",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hashed codes cannot be turned back into codes: going back leaves every code unusable.
            migrationBuilder.Sql("""DELETE FROM "IdempotentRequests";""");
            migrationBuilder.DropColumn(name: "CreatedOn", table: "IdempotentRequests");
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "IdempotentRequests",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql("""DELETE FROM "InvitationCodes" WHERE length("CodeHash") > 16;""");
            migrationBuilder.AlterColumn<string>(
                name: "CodeHash",
                table: "InvitationCodes",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
            migrationBuilder.RenameIndex(name: "IX_InvitationCodes_CodeHash", table: "InvitationCodes", newName: "IX_InvitationCodes_Code");
            migrationBuilder.RenameColumn(name: "CodeHash", table: "InvitationCodes", newName: "Code");
        }
    }
}
