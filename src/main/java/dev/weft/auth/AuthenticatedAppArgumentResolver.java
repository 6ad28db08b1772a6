package dev.weft.auth;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies the {@link AuthenticatedApp} that {@link ApiKeyFilter} stored to controller methods. */
class AuthenticatedAppArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedApp.class;
    }

    @Override
    public AuthenticatedApp resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Object app = request.getAttribute(ApiKeyFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (app instanceof AuthenticatedApp authenticated) {
            return authenticated;
        }
        // A handler outside /v1 asked for an app: fail closed rather than hand it null.
        throw Problems.unauthorized("Missing " + ApiKeyFilter.HEADER + " header");
    }
}
