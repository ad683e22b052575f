import { Layout } from '../ui/Layout';

export function NotFoundPage() {
  return (
    <Layout title="Page not found">
      <p>We could not find that page. Check the link, or <a href="/">join with a code</a>.</p>
    </Layout>
  );
}
