package dev.weft.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AdminTokenFilterTest {

    private MockHttpServletResponse filter(String configuredToken, String authorization) throws Exception {
        var filter = new AdminTokenFilter(new AuthProperties(configuredToken, new AuthProperties.Bootstrap(true, null, null)));
        var request = new MockHttpServletRequest("GET", "/admin/apps");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void answers403AdminApiDisabledWhenNoTokenIsConfigured() throws Exception {
        MockHttpServletResponse response = filter("", "Bearer ");

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("https://weft.dev/problems/admin-disabled", "Admin API disabled", "weft.admin-token");
    }

    @Test
    void passesTheRightTokenAndRejectsOthers() throws Exception {
        assertThat(filter("s3cret", "Bearer s3cret").getStatus()).isEqualTo(200);
        assertThat(filter("s3cret", "bearer s3cret").getStatus()).isEqualTo(200);
        assertThat(filter("s3cret", "Bearer s3cre").getStatus()).isEqualTo(403);
        assertThat(filter("s3cret", "Basic czNjcmV0").getStatus()).isEqualTo(401);
        assertThat(filter("s3cret", null).getStatus()).isEqualTo(401);
    }
}
