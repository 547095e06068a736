// oidc-provider ships no types (the test drives it through its documented configuration only).
declare module 'oidc-provider';
