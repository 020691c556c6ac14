using System.Globalization;

using RelationalCoordination.Domain.Instrument;

namespace RelationalCoordination.Web.Pages.Respond;

/// <summary>
/// Every text a respondent reads that is not the survey's own (title, work process, role names
/// come from the facilitator), in each language of the instrument. A new language is one more
/// instance; templates take their values as {0}, {1}.
/// </summary>
public sealed record RespondentTexts
{
    public required InstrumentLanguage Language { get; init; }
    public required string Code { get; init; }
    public required string LanguageName { get; init; }
    public required string LanguageLabel { get; init; }
    public required string AboutTemplate { get; init; }
    public required string AnonymityTemplate { get; init; }
    public required string RoleQuestion { get; init; }
    public required string YourRoleTemplate { get; init; }
    public required string OtherRole { get; init; }
    public required string ChooseRole { get; init; }
    public required string Start { get; init; }
    public required string Continue { get; init; }
    public required string AlreadyAnswered { get; init; }
    public required string NewResponse { get; init; }
    public required string ProgressTemplate { get; init; }
    public required string AboutRole { get; init; }
    public required string Back { get; init; }
    public required string Next { get; init; }
    public required string ToReview { get; init; }
    public required string InvalidAnswer { get; init; }
    public required string ResumeCodeTemplate { get; init; }
    public required string HaveResumeCode { get; init; }
    public required string ResumeTitle { get; init; }
    public required string ResumeLabel { get; init; }
    public required string ResumeUnknown { get; init; }
    public required string ReviewTitle { get; init; }
    public required string ReviewText { get; init; }
    public required string ReviewAllAnswered { get; init; }
    public required string ReviewUnansweredTemplate { get; init; }
    public required string Answered { get; init; }
    public required string Change { get; init; }
    public required string Submit { get; init; }
    public required string NothingAnswered { get; init; }
    public required string ThanksTitle { get; init; }
    public required string ThanksTemplate { get; init; }
    public required string UnknownTitle { get; init; }
    public required string UnknownText { get; init; }
    public required string NotOpenTitle { get; init; }
    public required string NotOpenTemplate { get; init; }
    public required string NotOpenLater { get; init; }
    public required string ClosedTitle { get; init; }
    public required string ClosedText { get; init; }
    public required string CodeTitle { get; init; }
    public required string CodeLabel { get; init; }
    public required string CodeUnknown { get; init; }
    public required string CodeUsed { get; init; }
    public required string CodeStarted { get; init; }
    public required string PosterPromise { get; init; }
    public required string SlipEnter { get; init; }

    public static RespondentTexts English { get; } = new()
    {
        Language = InstrumentLanguage.English,
        Code = "en",
        LanguageName = "English",
        LanguageLabel = "Language",
        AboutTemplate = "This survey asks how the roles involved in {0} work together. It takes about 10 minutes.",
        AnonymityTemplate = "Your answers are anonymous: nobody, not even the survey's organisers, can see who gave which answer. The organisers see how many people in each role have answered and, if you were given a personal invitation code, whether it was used — that is, whether you took part, never what you answered. Results appear only when the survey has closed, and only for groups of at least {0} people. The organisation's owners can download the answers without names, codes or times, leaving out every role with fewer than {0} people.",
        RoleQuestion = "What is your role?",
        YourRoleTemplate = "Your role: {0}",
        OtherRole = "Not your role? Choose another",
        ChooseRole = "Choose your role to start.",
        Start = "Start",
        Continue = "Continue where you left off",
        AlreadyAnswered = "You have already answered this survey on this device. Thank you!",
        NewResponse = "Someone else answering on this device? Start a new response",
        ProgressTemplate = "Question {0} of {1}",
        AboutRole = "About this role",
        Back = "Back",
        Next = "Next",
        ToReview = "Review",
        InvalidAnswer = "One of the answers sent was not an option of this question. Please choose again.",
        ResumeCodeTemplate = "Your answers are saved as you go. To continue on another device, use the code {0}.",
        HaveResumeCode = "Started on another device? Continue with your code",
        ResumeTitle = "Continue your answers",
        ResumeLabel = "Resume code",
        ResumeUnknown = "We do not know this code. Check it and try again.",
        ReviewTitle = "Review and submit",
        ReviewText = "You see what you left unanswered, then submit.",
        ReviewAllAnswered = "You have answered every question.",
        ReviewUnansweredTemplate = "Unanswered: {0}",
        Answered = "All answered",
        Change = "Change",
        Submit = "Submit my answers",
        NothingAnswered = "Answer at least one question with one of its options (not only \"not applicable\") before you submit.",
        ThanksTitle = "Thank you!",
        ThanksTemplate = "Your answers are submitted. Results appear when the survey closes, only for groups of at least {0} people, so nobody can see what you answered.",
        UnknownTitle = "We could not find this survey",
        UnknownText = "Check the link, or scan the QR code again.",
        NotOpenTitle = "This survey is not open yet",
        NotOpenTemplate = "It opens on {0}. Please come back then.",
        NotOpenLater = "Please come back when the organisers open it.",
        ClosedTitle = "This survey has closed",
        ClosedText = "It no longer takes answers. Thank you for your interest.",
        CodeTitle = "Enter your invitation code",
        CodeLabel = "Invitation code",
        CodeUnknown = "We do not know this code. Check it and try again.",
        CodeUsed = "This code has already been used to submit a response.",
        CodeStarted = "This code has already been used to start a response, and it does not open that response again. On the device where you started, open the survey's link: your answers continue there. On another device, use the resume code shown under the questions where you started.",
        PosterPromise = "Takes about 10 minutes · anonymous",
        SlipEnter = "Scan the QR code, or open this address and enter the code above:",
    };

    public static RespondentTexts Danish { get; } = new()
    {
        Language = InstrumentLanguage.Danish,
        Code = "da",
        LanguageName = "Dansk",
        LanguageLabel = "Sprog",
        AboutTemplate = "Denne undersøgelse spørger, hvordan rollerne i {0} arbejder sammen. Den tager omkring 10 minutter.",
        AnonymityTemplate = "Dine svar er anonyme: ingen, heller ikke undersøgelsens arrangører, kan se, hvem der har givet hvilket svar. Arrangørerne kan se, hvor mange i hver rolle der har svaret, og, hvis du har fået en personlig invitationskode, om den er brugt – altså om du har deltaget, aldrig hvad du har svaret. Resultaterne vises først, når undersøgelsen er lukket, og kun for grupper på mindst {0} personer. Organisationens ejere kan hente svarene uden navne, koder eller tidspunkter og uden de roller, der har færre end {0} personer.",
        RoleQuestion = "Hvad er din rolle?",
        YourRoleTemplate = "Din rolle: {0}",
        OtherRole = "Ikke din rolle? Vælg en anden",
        ChooseRole = "Vælg din rolle for at begynde.",
        Start = "Begynd",
        Continue = "Fortsæt, hvor du slap",
        AlreadyAnswered = "Du har allerede besvaret undersøgelsen på denne enhed. Tak!",
        NewResponse = "Svarer en anden på denne enhed? Begynd en ny besvarelse",
        ProgressTemplate = "Spørgsmål {0} af {1}",
        AboutRole = "Om denne rolle",
        Back = "Tilbage",
        Next = "Næste",
        ToReview = "Gennemse",
        InvalidAnswer = "Et af de sendte svar var ikke en mulighed i dette spørgsmål. Vælg venligst igen.",
        ResumeCodeTemplate = "Dine svar gemmes undervejs. Brug koden {0} for at fortsætte på en anden enhed.",
        HaveResumeCode = "Begyndt på en anden enhed? Fortsæt med din kode",
        ResumeTitle = "Fortsæt dine svar",
        ResumeLabel = "Genoptagelseskode",
        ResumeUnknown = "Vi kender ikke denne kode. Kontrollér den, og prøv igen.",
        ReviewTitle = "Gennemse og indsend",
        ReviewText = "Du ser, hvad du ikke har besvaret, og indsender derefter.",
        ReviewAllAnswered = "Du har besvaret alle spørgsmål.",
        ReviewUnansweredTemplate = "Ikke besvaret: {0}",
        Answered = "Alt besvaret",
        Change = "Ret",
        Submit = "Indsend mine svar",
        NothingAnswered = "Besvar mindst ét spørgsmål med en af dets svarmuligheder (ikke kun \"ikke relevant\"), før du indsender.",
        ThanksTitle = "Tak!",
        ThanksTemplate = "Dine svar er indsendt. Resultaterne vises, når undersøgelsen er lukket, og kun for grupper på mindst {0} personer, så ingen kan se, hvad du har svaret.",
        UnknownTitle = "Vi kunne ikke finde denne undersøgelse",
        UnknownText = "Kontrollér linket, eller scan QR-koden igen.",
        NotOpenTitle = "Denne undersøgelse er ikke åben endnu",
        NotOpenTemplate = "Den åbner den {0}. Kom gerne tilbage da.",
        NotOpenLater = "Kom gerne tilbage, når arrangørerne åbner den.",
        ClosedTitle = "Denne undersøgelse er lukket",
        ClosedText = "Den modtager ikke flere svar. Tak for din interesse.",
        CodeTitle = "Indtast din invitationskode",
        CodeLabel = "Invitationskode",
        CodeUnknown = "Vi kender ikke denne kode. Kontrollér den, og prøv igen.",
        CodeUsed = "Denne kode er allerede brugt til at indsende en besvarelse.",
        CodeStarted = "Denne kode er allerede brugt til at begynde en besvarelse, og den åbner ikke besvarelsen igen. På den enhed, hvor du begyndte, skal du åbne undersøgelsens link: dine svar fortsætter der. På en anden enhed skal du bruge den genoptagelseskode, der står under spørgsmålene, hvor du begyndte.",
        PosterPromise = "Tager omkring 10 minutter · anonymt",
        SlipEnter = "Scan QR-koden, eller gå til denne adresse, og indtast koden ovenfor:",
    };

    public static IReadOnlyList<RespondentTexts> All { get; } = [English, Danish];

    public string About(string workProcess) => Fill(AboutTemplate, workProcess);

    public string Anonymity(int minGroupSize) => Fill(AnonymityTemplate, minGroupSize);

    public string Progress(int number, int of) => Fill(ProgressTemplate, number, of);

    public string YourRole(string role) => Fill(YourRoleTemplate, role);

    public string ResumeCode(string code) => Fill(ResumeCodeTemplate, code);

    public string Unanswered(string roles) => Fill(ReviewUnansweredTemplate, roles);

    public string Thanks(int minGroupSize) => Fill(ThanksTemplate, minGroupSize);

    public string NotOpen(DateTimeOffset opensAt) =>
        Fill(NotOpenTemplate, opensAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(Code)));

    private static string Fill(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>
    /// The language of a respondent page: the request's, by the app's one rule
    /// (<see cref="Infrastructure.Localisation"/>: <c>?lang=</c>, the <c>rc.lang</c> cookie, the browser's, English).
    /// </summary>
    public static RespondentTexts For(HttpContext http) => ByCode(Infrastructure.Localisation.LanguageOf(http)) ?? English;

    private static RespondentTexts? ByCode(string? code) =>
        All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
