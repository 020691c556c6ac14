using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationalCoordination.Web.Data.Migrations
{
    /// <summary>
    /// An answer's reference to its response is checked once per statement instead of once per
    /// row (decision 0024): a foreign key costs a lookup per answer, 3 of the 5 seconds that
    /// storing a large import took. The model keeps the relationship; the database enforces it
    /// with three statement-level triggers that see all of a statement's rows at once.
    /// </summary>
    public partial class AnswerChecksPerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Answer_Responses_ResponseId",
                table: "Answer");

            migrationBuilder.Sql("""
                CREATE FUNCTION answer_refers_to_a_response() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM added a WHERE NOT EXISTS (SELECT 1 FROM "Responses" r WHERE r."Id" = a."ResponseId")) THEN
                    RAISE EXCEPTION 'insert or update on table "Answer" violates its reference to table "Responses"'
                      USING ERRCODE = 'foreign_key_violation', TABLE = 'Answer', CONSTRAINT = 'TR_Answer_ResponseExists';
                  END IF;
                  RETURN NULL;
                END $$;

                CREATE FUNCTION answers_of_deleted_responses() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "Answer" a USING gone g WHERE a."ResponseId" = g."Id";
                  RETURN NULL;
                END $$;

                CREATE TRIGGER "TR_Answer_ResponseExists" AFTER INSERT ON "Answer"
                  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION answer_refers_to_a_response();
                CREATE TRIGGER "TR_Answer_ResponseExists_Update" AFTER UPDATE ON "Answer"
                  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION answer_refers_to_a_response();
                CREATE TRIGGER "TR_Responses_DeleteAnswers" AFTER DELETE ON "Responses"
                  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION answers_of_deleted_responses();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Responses_DeleteAnswers" ON "Responses";
                DROP TRIGGER "TR_Answer_ResponseExists_Update" ON "Answer";
                DROP TRIGGER "TR_Answer_ResponseExists" ON "Answer";
                DROP FUNCTION answers_of_deleted_responses();
                DROP FUNCTION answer_refers_to_a_response();
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_Answer_Responses_ResponseId",
                table: "Answer",
                column: "ResponseId",
                principalTable: "Responses",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
