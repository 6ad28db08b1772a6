package dev.weft.console.web;

import dev.weft.auth.ConsoleSessions;
import dev.weft.common.Ids;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in to the console with an API key, and out again. */
@Controller
@RequestMapping("/console")
class SignInController {

    private final ConsoleSessions sessions;
    private final boolean secureCookies;

    /**
     * @param secureCookies mark the cookies {@code Secure} even when the request came over plain
     *                      HTTP: for a service behind a proxy that ends TLS
     */
    SignInController(ConsoleSessions sessions,
                     @org.springframework.beans.factory.annotation.Value("${weft.console.secure-cookies:false}")
                     boolean secureCookies) {
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    @GetMapping({"", "/"})
    String home() {
        return "redirect:/console/runs";
    }

    @GetMapping("/sign-in")
    String form(HttpServletRequest request, HttpServletResponse response, Model model,
                @RequestParam(required = false) String expired, @RequestParam(required = false) String stale,
                @RequestParam(required = false) String signedOut) {
        String token = Ids.token(24);
        cookie(request, response, ConsoleFilter.SIGN_IN_COOKIE, token, Duration.ofHours(1));
        model.addAttribute("signInCsrf", token);
        if (expired != null) {
            model.addAttribute("message", "Your session has ended. Sign in again to go on.");
        } else if (stale != null) {
            model.addAttribute("message", "The sign-in form was out of date. Please try again.");
        } else if (signedOut != null) {
            model.addAttribute("message", "You are signed out.");
        }
        return "console/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(@RequestParam(required = false) String apiKey, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        var signedIn = sessions.signIn(apiKey);
        if (signedIn.isEmpty()) {
            String token = Ids.token(24);
            cookie(request, response, ConsoleFilter.SIGN_IN_COOKIE, token, Duration.ofHours(1));
            model.addAttribute("signInCsrf", token);
            model.addAttribute("error", apiKey == null || apiKey.isBlank() ? "Enter an API key."
                    : "That API key is unknown, revoked or expired.");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return "console/sign-in";
        }
        cookie(request, response, ConsoleFilter.SIGN_IN_COOKIE, "", Duration.ZERO);
        cookie(request, response, ConsoleFilter.COOKIE, signedIn.get().token(), sessions.ttl());
        return "redirect:/console/runs";
    }

    @PostMapping("/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.signOut(ConsoleFilter.cookie(request, ConsoleFilter.COOKIE));
        cookie(request, response, ConsoleFilter.COOKIE, "", Duration.ZERO);
        return "redirect:/console/sign-in?signedOut";
    }

    /** An HttpOnly, SameSite=Strict cookie for the console's paths; Secure when the request came over TLS. */
    private void cookie(HttpServletRequest request, HttpServletResponse response, String name, String value,
                               Duration maxAge) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(name, value)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secureCookies || request.isSecure())
                .path(request.getContextPath() + "/console")
                .maxAge(maxAge)
                .build().toString());
    }
}
