using System.Text;

namespace Lake.Synthetic;

/// <summary>Where a feed comes from and how its bytes are laid out.</summary>
internal sealed record FeedFormat(string SourceSystem, string Register, string FileName, Encoding Encoding, string NewLine, string Header);
