package dev.switchboard.shared.analytics.counting;

/**
 * What an aggregate cell counts. The metrics (docs/metrics.md) are formulas over these sums; the
 * short wire names keep the cells small, since DynamoDB charges a write by the whole item's size.
 */
public enum Counter {
    /** Calls started, by direction. */
    INBOUND("in"), OUTBOUND("out"),
    /** Calls an agent answered (either direction), and of them the inbound ones. */
    ANSWERED("ans"), ANSWERED_INBOUND("ansIn"),
    /** Inbound calls: missed ({@code call.missed}), abandoned, a voicemail left, after hours. */
    MISSED("miss"), ABANDONED("abd"), VOICEMAIL("vm"), AFTER_HOURS("ah"),
    /** Answered calls whose talk time was under ten seconds. */
    SHORT("short"),
    /** Sums and counts behind the averages, in whole seconds. */
    TALK_SECONDS("talkS"), TALKED("talkN"), HANDLE_SECONDS("hdlS"), HANDLED("hdlN"),
    ANSWER_SECONDS("staS"), ANSWER_TIMED("staN"),
    /** Messages. */
    RECEIVED("mRcv"), SENT("mSent"), DELIVERED("mDlv"), FAILED("mFail"), OPT_OUTS("optOut"),
    /** Menu exits, in an option cell. */
    SELECTIONS("sel");

    private final String wire;

    Counter(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
