package io.tributary.protocol.message;

import java.util.List;

/**
 * FindCoordinator request. Versions 0-3 carry one key, v4+ a batch; both arrive here as
 * {@code keys}. {@code keyType} is 0 for a group, 1 for a transactional id.
 */
public record FindCoordinatorRequest(byte keyType, List<String> keys) implements ApiRequest {

    public static final byte KEY_TYPE_GROUP = 0;
    public static final byte KEY_TYPE_TRANSACTION = 1;
}
