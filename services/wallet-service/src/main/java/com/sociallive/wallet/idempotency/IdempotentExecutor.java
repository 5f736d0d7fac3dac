package com.sociallive.wallet.idempotency;

import com.sociallive.platform.error.CommonErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a request at most once per idempotency key (API.md, "idempotency"), reusable by any service:
 *
 * <ol>
 *   <li>claims the key with its request hash ({@code INSERT ... ON CONFLICT}, committed at once);
 *   <li>a key already answered with the same request: the stored answer again, with {@code Idempotent-Replayed};
 *       another request under the key: 422 IDEMPOTENCY_KEY_REUSED; still running: 409 REQUEST_IN_PROGRESS;
 *   <li>otherwise runs {@code beforeTransaction} (remote look-ups, outside any database transaction), then the work
 *       in a transaction that also stores the answer, so the effect and its answer commit together or not at all;
 *   <li>a business refusal (a 4xx {@link DomainException} such as INSUFFICIENT_FUNDS) rolls the work back and is stored
 *       as the answer; any other failure gives the key up so that a retry runs afresh.
 * </ol>
 */
public class IdempotentExecutor {

    /** Refusals that say nothing final about the request, so they are not stored. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(401, 403, 408, 409, 425, 429);

    private final IdempotencyStore store;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final JsonMapper json;
    private final IdempotencyProperties properties;

    IdempotentExecutor(
            IdempotencyStore store,
            PlatformTransactionManager transactions,
            JsonMapper json,
            IdempotencyProperties properties) {
        this.store = store;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.properties = properties;
    }

    public IdempotentResponse execute(
            IdempotencyKey key, String operation, Object request, Supplier<IdempotentResult> work) {
        return execute(key, operation, request, () -> {}, work);
    }

    /**
     * @param operation names the endpoint (e.g. {@code "POST /transfer"}): the same key on another endpoint is another
     *     request
     * @param request the validated, normalized request: its JSON is what "the same body" means
     * @param beforeTransaction runs once the key is claimed, outside any transaction (remote calls go here)
     * @param work runs in the transaction that stores its answer
     */
    public IdempotentResponse execute(
            IdempotencyKey key,
            String operation,
            Object request,
            Runnable beforeTransaction,
            Supplier<IdempotentResult> work) {
        return execute(key, operation, request, beforeTransaction, work, IdempotentExecutor::noStoredBody);
    }

    /**
     * As {@link #execute(IdempotencyKey, String, Object, Runnable, Supplier)}; {@code bodyAt} gives the body of an
     * answer that work done in one statement ({@link OneStatementClaim}) stored as its location only.
     */
    public IdempotentResponse execute(
            IdempotencyKey key,
            String operation,
            Object request,
            Runnable beforeTransaction,
            Supplier<IdempotentResult> work,
            Function<String, Object> bodyAt) {
        String hash = hash(operation, request);
        UUID token = UUID.randomUUID();
        boolean claimed =
                ownTransaction.execute(s -> store.claim(key, hash, token, properties.lease(), properties.ttl()));
        if (!claimed) {
            return answerExisting(key, hash, bodyAt);
        }
        try {
            beforeTransaction.run();
            return transaction.execute(status -> {
                IdempotentResult result = work.get();
                String body = json.writeValueAsString(result.body());
                if (!store.complete(key, token, result.status(), body, result.location())) {
                    // another request took the key over (our lease ran out): our effect must not count
                    status.setRollbackOnly();
                    throw inProgress();
                }
                return new IdempotentResponse(result.status(), body, result.location(), result.replayed());
            });
        } catch (DomainException refusal) {
            int status = refusal.code().status();
            if (status >= 400 && status < 500 && !TRANSIENT_STATUSES.contains(status)) {
                ownTransaction.executeWithoutResult(s -> store.completeWithError(
                        key,
                        token,
                        status,
                        refusal.code().name(),
                        refusal.code().title(),
                        refusal.getMessage()));
            } else {
                release(key, token);
            }
            throw refusal;
        } catch (RuntimeException | Error failure) {
            release(key, token);
            throw failure;
        }
    }

    /**
     * For work that claims the key, acts and stores its answer in one database statement (one round trip, one
     * commit): the claim to pass to that statement, which must write {@code idempotency_keys} exactly as
     * {@link IdempotencyStore#claim} and {@link IdempotencyStore#complete} do, in its own transaction.
     */
    public OneStatementClaim oneStatementClaim(IdempotencyKey key, String operation, Object request) {
        return new OneStatementClaim(key, hash(operation, request), UUID.randomUUID(), properties.ttl());
    }

    /** The first answer of work done in one statement: its body serialized as {@link #execute} would store it. */
    public IdempotentResponse firstAnswer(IdempotentResult result) {
        return new IdempotentResponse(
                result.status(), json.writeValueAsString(result.body()), result.location(), result.replayed());
    }

    /**
     * Work done in one statement refused (a 4xx business refusal) and wrote nothing, not even the claim: stores the
     * refusal under the key (claiming it in the same statement) and throws it; when the key was taken meanwhile (an
     * identical request answered first), the stored answer instead.
     */
    public IdempotentResponse refusedInOneStatement(
            OneStatementClaim claim, DomainException refusal, Function<String, Object> bodyAt) {
        boolean stored = ownTransaction.execute(s -> store.claimWithError(
                claim.key(),
                claim.requestHash(),
                claim.token(),
                claim.ttl(),
                refusal.code().status(),
                refusal.code().name(),
                refusal.code().title(),
                refusal.getMessage()));
        if (!stored) {
            return answerExisting(claim, bodyAt);
        }
        throw refusal;
    }

    /**
     * The answer to a request whose one-statement claim found the key taken: the stored answer again (an answer
     * stored without a body is {@code bodyAt} its location), 422 IDEMPOTENCY_KEY_REUSED or 409 REQUEST_IN_PROGRESS.
     */
    public IdempotentResponse answerExisting(OneStatementClaim claim, Function<String, Object> bodyAt) {
        return answerExisting(claim.key(), claim.requestHash(), bodyAt);
    }

    private IdempotentResponse answerExisting(IdempotencyKey key, String hash, Function<String, Object> bodyAt) {
        IdempotencyStore.StoredKey stored = ownTransaction
                .execute(s -> store.find(key))
                .orElseThrow(IdempotentExecutor::inProgress); // vanished meanwhile: let the client retry
        if (!stored.requestHash().equals(hash)) {
            throw new DomainException(
                    CommonErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request");
        }
        if (stored.state() == IdempotencyStore.State.IN_PROGRESS) {
            throw inProgress();
        }
        if (stored.errorCode() != null) {
            throw new DomainException(
                            new StoredErrorCode(stored.errorCode(), stored.responseStatus(), stored.errorTitle()),
                            stored.responseBody())
                    .withHeader(IdempotentResponse.REPLAYED_HEADER, "true");
        }
        String body = stored.responseBody() != null || stored.responseLocation() == null
                ? stored.responseBody()
                : json.writeValueAsString(bodyAt.apply(stored.responseLocation()));
        return new IdempotentResponse(stored.responseStatus(), body, stored.responseLocation(), true);
    }

    private static Object noStoredBody(String location) {
        throw new IllegalStateException("the answer at " + location + " was stored without a body");
    }

    private void release(IdempotencyKey key, UUID token) {
        try {
            ownTransaction.executeWithoutResult(s -> store.release(key, token));
        } catch (RuntimeException ignored) {
            // the lease runs out by itself
        }
    }

    private static DomainException inProgress() {
        return new DomainException(
                        CommonErrorCode.REQUEST_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed; retry shortly")
                .withHeader("Retry-After", "1");
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored refusal's code, replayed with its original status and title. */
    record StoredErrorCode(String name, int status, String title) implements ErrorCode {}
}
