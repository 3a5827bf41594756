using System.Reflection;
using Lake.Contracts.Extraction;

namespace Lake.Contracts.Tests;

/// <summary>
/// Conventions of message contracts checked by reflection: messages are sealed records, and no
/// property is named like a direct identifier, because whatever a message carries ends up in
/// broker queues, logs and traces.
/// </summary>
public sealed class ContractConventionTests
{
    private static readonly string[] DirectIdentifierNames = ["hetu", "ssn", "identitycode", "personalidentitycode", "henkilotunnus", "patientname", "firstname", "lastname", "surname", "fullname", "address", "streetaddress", "phone", "phonenumber", "email"];

    [TestCaseSource(nameof(MessageTypes))]
    public void Message_IsASealedRecord(Type message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(message.IsSealed, Is.True, $"{message.Name} should be sealed");
            Assert.That(message.GetMethod("<Clone>$"), Is.Not.Null, $"{message.Name} should be a record");
        });
    }

    [TestCaseSource(nameof(ContractTypes))]
    public void Contract_HasNoPropertyNamedLikeADirectIdentifier(Type type)
    {
        var offending = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => DirectIdentifierNames.Contains(p.Name.ToLowerInvariant()));
        Assert.That(offending.Select(p => p.Name), Is.Empty);
    }

    private static IEnumerable<Type> ContractTypes() =>
        typeof(StartExtraction).Assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract || t.IsValueType);

    private static IEnumerable<Type> MessageTypes() =>
        typeof(StartExtraction).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(StartExtraction).Namespace);
}
