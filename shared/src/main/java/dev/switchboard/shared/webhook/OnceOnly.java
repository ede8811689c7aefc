package dev.switchboard.shared.webhook;

/**
 * Runs a delivery's side effects under its claim: only for the first delivery, and with the
 * claim given back if they fail so that Twilio's retry can carry them out.
 */
public final class OnceOnly {
    private final Deliveries deliveries;

    public OnceOnly(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    /** @return whether the side effects ran (false for a repeated delivery) */
    public boolean run(String deliveryKey, Runnable sideEffects) {
        if (deliveries.claim(deliveryKey) == Deliveries.Claim.REPEAT) {
            return false;
        }
        try {
            sideEffects.run();
        } catch (RuntimeException e) {
            deliveries.release(deliveryKey);
            throw e;
        }
        deliveries.complete(deliveryKey);
        return true;
    }
}
