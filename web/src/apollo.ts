/**
 * Apollo Client on /graphql: the officer's token, the declared purpose (`X-Purpose`, or
 * `X-Purpose-Dossier` while working on a dossier), automatic persisted queries (SHA-256).
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { purposeState } from './session';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createClient(token: string, onUnauthenticated: () => void): ApolloClient {
  const headers = new ApolloLink((operation, forward) => {
    const { dossier, purpose: declared } = operation.getContext() as { dossier?: string; purpose?: string };
    const purpose = declared ?? (dossier ? `Giải quyết hồ sơ ${dossier}` : purposeState.current);
    operation.setContext(({ headers: previous = {} }: { headers?: Record<string, string> }) => ({
      headers: {
        ...previous,
        authorization: `Bearer ${token}`,
        // Headers carry Latin-1 only: the Vietnamese purpose goes percent-encoded (the API decodes it).
        ...(purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {}),
        ...(dossier ? { 'x-purpose-dossier': dossier } : {}),
      },
    }));
    return forward(operation);
  });
  const http = new HttpLink({
    uri: '/graphql',
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) onUnauthenticated();
      return response;
    },
  });
  return new ApolloClient({
    link: ApolloLink.from([headers, new PersistedQueryLink({ sha256 }), http]),
    cache: new InMemoryCache({
      possibleTypes: { Party: ['Individual', 'Organization'], SearchHit: ['DigitizedDocument', 'Dossier', 'Individual', 'Organization'] },
      typePolicies: { Dossier: { keyFields: ['code'] }, DigitizedDocument: { keyFields: ['code'] } },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
