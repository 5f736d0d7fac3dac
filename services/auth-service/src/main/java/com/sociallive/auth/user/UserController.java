package com.sociallive.auth.user;

import com.sociallive.auth.AuthErrorCode;
import com.sociallive.platform.error.DomainException;
import com.sociallive.platform.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {

    static final int MAX_IDS = 100;

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "The caller's own account (User), taken from the access token's subject")
    @GetMapping("/me")
    UserView me(CurrentUser user) {
        UserAccount account = accounts.find(user.id()).orElseThrow(UserController::unknownCaller);
        return UserView.of(account, accounts.rolesOf(account));
    }

    @Operation(
            summary = "Change the caller's profile",
            description = "Absent or null fields stay as they are; an empty bio or avatarUrl clears it.")
    @PatchMapping("/me")
    @Transactional
    UserView patchMe(CurrentUser user, @Valid @RequestBody ProfilePatch patch) {
        UserAccount account = accounts.find(user.id()).orElseThrow(UserController::unknownCaller);
        String displayName = patch.displayName() == null
                ? account.displayName()
                : patch.displayName().strip();
        if (displayName.isEmpty()) {
            throw DomainException.invalid("displayName", "must not be blank");
        }
        String bio =
                patch.bio() == null ? account.bio() : emptyToNull(patch.bio().strip());
        String avatarUrl = patch.avatarUrl() == null ? account.avatarUrl() : emptyToNull(patch.avatarUrl());
        accounts.updateProfile(account.id(), displayName, bio, avatarUrl);
        return me(user);
    }

    @Operation(summary = "One user's public profile (PublicUser); 404 when unknown")
    @GetMapping("/users/{id}")
    PublicUserView user(@PathVariable UUID id) {
        UserAccount account = accounts.find(id)
                .orElseThrow(() -> new DomainException(AuthErrorCode.USER_NOT_FOUND, "No user with this id"));
        return PublicUserView.of(account, accounts.rolesOf(account));
    }

    @Operation(
            summary = "Public profiles of up to 100 users",
            description = "ids is a comma-separated list of UUIDs; unknown ids are left out, the order of ids is kept,"
                    + " more than 100 ids or a malformed id is 400 VALIDATION_FAILED.")
    @GetMapping("/users")
    Map<String, List<PublicUserView>> users(@RequestParam String ids) {
        Set<UUID> wanted = parseIds(ids);
        Map<UUID, UserAccount> found =
                accounts.findAll(wanted).stream().collect(Collectors.toMap(UserAccount::id, Function.identity()));
        List<PublicUserView> items = wanted.stream()
                .filter(found::containsKey)
                .map(found::get)
                .map(account -> PublicUserView.of(account, accounts.rolesOf(account)))
                .toList();
        return Map.of("items", items);
    }

    static Set<UUID> parseIds(String ids) {
        Set<UUID> wanted = new LinkedHashSet<>();
        for (String part : ids.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                wanted.add(UUID.fromString(trimmed));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("ids", "must be comma-separated UUIDs");
            }
            if (wanted.size() > MAX_IDS) {
                throw DomainException.invalid("ids", "at most " + MAX_IDS + " ids");
            }
        }
        return wanted;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static DomainException unknownCaller() {
        return new DomainException(AuthErrorCode.USER_NOT_FOUND, "The account of this token no longer exists");
    }

    record ProfilePatch(
            @Size(max = 100) String displayName,
            @Size(max = 500) String bio,

            @Size(max = 2048) @Pattern(regexp = "^$|^https?://[^\\s]+$", message = "must be an http(s) URL")
            String avatarUrl) {}
}
