package io.narwhal.http1;

import io.narwhal.api.codec.HttpCompliance;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's compliance mode. A parser meeting a relaxable violation asks {@link #tolerate}: under a mode
 * that does not relax it, that is the request's 400; else the leniency is counted every time and logged once
 * per connection, so an operator learns which clients need it without a line per request.
 */
final class Compliance {
    private static final Logger LOG = LoggerFactory.getLogger(Compliance.class);

    private final HttpCompliance mode;
    private final LeniencyCounts counts;
    private final Object peer;
    private final Set<Leniency> reported = EnumSet.noneOf(Leniency.class);

    /** @param peer the client, as the log names it */
    Compliance(HttpCompliance mode, LeniencyCounts counts, Object peer) {
        this.mode = mode;
        this.counts = counts;
        this.peer = peer;
    }

    /**
     * Takes the leniency or refuses the request.
     *
     * @throws BadRequestException with the strict reason when this mode does not relax the rule
     */
    void tolerate(Leniency leniency) {
        if (!leniency.allowedIn(mode)) {
            throw new BadRequestException(leniency.strictReason());
        }
        long total = counts.increment(leniency);
        if (reported.add(leniency)) {
            LOG.info("Tolerated {} from {} (http_compliance={}, leniency {}, {} so far)", leniency.description(), peer,
                    mode.settingValue(), leniency.name(), total);
        }
    }
}
