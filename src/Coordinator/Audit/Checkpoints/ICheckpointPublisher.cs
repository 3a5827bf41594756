namespace Lake.Coordinator.Audit.Checkpoints;

/// <summary>
/// A place beside the checkpoint file that checkpoints are copied to (syslog, a witness). Best
/// effort: a publisher logs its failures and never throws, because a decision must not fail for
/// want of a second copy of its checkpoint.
/// </summary>
public interface ICheckpointPublisher
{
    void Publish(SignedTreeHead head);
}
