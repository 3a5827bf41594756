using System.Globalization;
using System.Text;
using Lake.Pseudonymization;

namespace Lake.Synthetic.Care;

/// <summary>
/// Writes patient record texts in Finnish or English as clinicians write them, and now and then puts
/// direct identifiers in them (identity codes, phone numbers, e-mail and street addresses, names),
/// saying which, so a scrubber can be checked against the truth.
/// </summary>
internal sealed class RecordTextComposer(Random random)
{
    /// <summary>Share of texts that mention at least one direct identifier.</summary>
    public const double IdentifierShare = 0.18;

    public (string Text, TextIdentifiers Identifiers) Physician(PersonProfile person, Encounter encounter, bool english, string separator)
    {
        var age = (int)person.AgeAt(DateOnly.FromDateTime(encounter.Time));
        var male = person.Sex == Sex.Male;
        var condition = english ? ConditionNames.English(encounter.Primary) : ConditionNames.Finnish(encounter.Primary);
        var sentences = new List<string>();
        if (english)
        {
            sentences.Add(encounter.Kind switch
            {
                VisitKind.Emergency => $"Reason for visit: {condition}. {age}-year-old {(male ? "man" : "woman")} {random.Pick(["brought in by ambulance", "walked in", "referred by the health centre"])}.",
                VisitKind.Phone => $"Phone call. Patient with {condition} asks about medication.",
                VisitKind.Delivery => $"Delivery report: {condition}. Mother and newborn well.",
                VisitKind.FirstVisit => $"First visit. {age}-year-old {(male ? "man" : "woman")} referred for {condition}.",
                _ => $"Follow-up visit. {age}-year-old {(male ? "man" : "woman")} with known {condition}.",
            });
            if (encounter.Kind != VisitKind.Delivery)
                sentences.Add(random.Pick(["Feels well, no new symptoms.", "Reports fatigue for the past weeks.", "Symptoms unchanged.", "Slight worsening since the last visit."]));
            sentences.Add($"BP {Blood(male)}, HR {random.Next(58, 96)}.");
            sentences.Add($"Dx {encounter.Primary.Code}.");
            sentences.Add(encounter.Kind == VisitKind.Delivery
                ? $"Discharge in {random.Next(2, 4)} days."
                : random.Pick(["Medication unchanged.", $"Follow-up in {random.Next(2, 13)} months.", "Blood tests before the next visit.", "Discharged home, instructions given."]));
        }
        else
        {
            sentences.Add(encounter.Kind switch
            {
                VisitKind.Emergency => $"Tulosyy: {condition}. {age}-vuotias {(male ? "mies" : "nainen")} {random.Pick(["tuotu ambulanssilla", "tullut omin avuin", "terveyskeskuksen lähettämänä"])} päivystykseen.",
                VisitKind.Phone => $"Puhelinkontakti. Potilas, jolla {condition}, kysyy lääkityksestä.",
                VisitKind.Delivery => $"Synnytyskertomus: {condition}. Äidin ja vastasyntyneen vointi hyvä.",
                VisitKind.FirstVisit => $"Ensikäynti. {age}-vuotias {(male ? "mies" : "nainen")}, lähetteen syy {condition}.",
                _ => $"Kontrollikäynti. {age}-vuotias {(male ? "mies" : "nainen")}, jolla tunnettu {condition}.",
            });
            if (encounter.Kind != VisitKind.Delivery)
                sentences.Add(random.Pick(["Vointi hyvä, ei uusia oireita.", "Kertoo väsymystä viime viikkoina.", "Oireet pysyneet ennallaan.", "Vointi hieman huonontunut edellisestä käynnistä."]));
            sentences.Add($"RR {Blood(male)}, syke {random.Next(58, 96)}.");
            sentences.Add($"Dg {encounter.Primary.Code}.");
            sentences.Add(encounter.Kind == VisitKind.Delivery
                ? $"Kotiutus {random.Next(2, 4)} vrk kuluttua."
                : random.Pick(["Lääkitys jatkuu ennallaan.", $"Kontrolli {random.Next(2, 13)} kk kuluttua.", "Laboratoriokokeet ennen seuraavaa käyntiä.", "Kotiutetaan, ohjeet annettu."]));
        }

        return Finish(sentences, person, english, separator);
    }

    public (string Text, TextIdentifiers Identifiers) Nursing(PersonProfile person, bool english, string separator)
    {
        var sentences = english
            ? new List<string>
            {
                "Nursing note:",
                random.Pick(["Slept well.", "Restless night.", "Slept in short spells."]),
                random.Pick(["Pain controlled.", "Pain VAS 5, analgesic given.", "No pain."]),
                random.Pick(["Ate well.", "Poor appetite.", "Drinking enough."]),
                random.Pick(["Mobilises independently.", "Walks with a rollator.", "Needs help of two."]),
            }
            : new List<string>
            {
                "Hoitotyön merkintä:",
                random.Pick(["Yö nukuttu hyvin.", "Levoton yö.", "Nukkunut pätkittäin."]),
                random.Pick(["Kivut hallinnassa.", "Kipu VAS 5, annettu kipulääke.", "Ei kipuja."]),
                random.Pick(["Syönyt hyvin.", "Ruokahalu heikko.", "Juonut riittävästi."]),
                random.Pick(["Liikkuu itsenäisesti.", "Liikkuu rollaattorin kanssa.", "Tarvitsee kahden avun."]),
            };
        return Finish(sentences, person, english, separator);
    }

    /// <summary>A record of the sexual assault centre; such texts are removed before they reach the lake.</summary>
    public string SexualAssault(bool english, string separator) => english
        ? string.Join(separator, "Sexual assault centre.", "Patient presented after sexual violence.", "Forensic samples taken, follow-up support arranged.")
        : string.Join(separator, "Seri-tukikeskus.", "Potilas hakeutunut tutkimuksiin seksuaalisen väkivallan vuoksi.", "Oikeuslääketieteelliset näytteet otettu, jatkotuki järjestetty.");

    private (string, TextIdentifiers) Finish(List<string> sentences, PersonProfile person, bool english, string separator)
    {
        var identifiers = TextIdentifiers.None;
        if (random.Chance(IdentifierShare))
        {
            var kinds = random.Chance(0.3) ? 2 : 1;
            for (var k = 0; k < kinds; k++)
            {
                var (sentence, kind) = Identifier(person, english);
                identifiers |= kind;
                sentences.Insert(random.Next(1, sentences.Count + 1), sentence);
            }
        }

        return (string.Join(separator, sentences), identifiers);
    }

    private (string Sentence, TextIdentifiers Kind) Identifier(PersonProfile person, bool english)
    {
        var first = random.Pick(PersonNames.FirstNames);
        var last = random.Pick(PersonNames.LastNames);
        switch (random.Next(5))
        {
            case 0:
                // Mostly the patient's own code, sometimes a relative's.
                var code = random.Chance(0.7) ? person.Hetu.Value : RelativeCode();
                return (english ? $"ID {code}." : $"Hetu {code}.", TextIdentifiers.IdentityCode);
            case 1:
                return random.Chance(0.5)
                    ? (english ? $"Relative {first} {last} can be reached at {Phone()}." : $"Omainen {first} {last} tavoitettavissa p. {Phone()}.", TextIdentifiers.Phone | TextIdentifiers.Name)
                    : (english ? $"Call back to {Phone()}." : $"Soittopyyntö numeroon {Phone()}.", TextIdentifiers.Phone);
            case 2:
                var mail = $"{Ascii(first)}.{Ascii(last)}@{random.Pick(PersonNames.MailDomains)}";
                return (english ? $"Results by e-mail to {mail}." : $"Tulokset sähköpostiin {mail}.", TextIdentifiers.Email);
            case 3:
                var (street, postcode, city) = random.Pick(PersonNames.Streets);
                var address = $"{street} {random.Next(1, 80)} {(char)('A' + random.Next(4))} {random.Next(1, 40)}, {postcode} {city}";
                return (english ? $"Home address {address}." : $"Kotiosoite {address}.", TextIdentifiers.Address);
            default:
                return (english ? $"Daughter {first} {last} present." : random.Pick([$"Mukana tytär {first} {last}.", $"Lääk. {first} {last}", $"Omaisena puoliso {first} {last}."]), TextIdentifiers.Name);
        }
    }

    private string RelativeCode() =>
        Hetu.Create(new DateOnly(1940, 1, 1).AddDays(random.Next(25_000)), random.Next(2, 900)).Value;

    private string Phone()
    {
        var mobile = random.Pick(["040", "050", "044", "045"]);
        return random.Next(4) switch
        {
            0 => $"{mobile} {random.Next(100, 1000)} {random.Next(1000, 10000)}",
            1 => $"+358 {mobile[1..]} {random.Next(1_000_000, 10_000_000)}",
            2 => $"{mobile}-{random.Next(1_000_000, 10_000_000)}",
            _ => $"09 {random.Next(100, 1000)} {random.Next(1000, 10000)}",
        };
    }

    private string Blood(bool male) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(male ? 115 : 105, 165)}/{random.Next(65, 98)}");

    /// <summary>E-mail addresses are ASCII: ä becomes a, ö becomes o.</summary>
    private static string Ascii(string name) =>
        new(name.ToLowerInvariant().Normalize(NormalizationForm.FormD).Where(c => c < 128).ToArray());
}
