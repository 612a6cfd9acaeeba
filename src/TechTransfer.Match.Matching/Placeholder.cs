namespace TechTransfer.Match.Matching;
