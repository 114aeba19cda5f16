import { Card, Statistic } from 'antd';
import { Link } from 'react-router';

/** A figure that opens the list it counts. */
export function Figure({
  title,
  value,
  to,
  suffix,
  testId,
}: {
  title: string;
  value: number | string;
  to?: string;
  suffix?: string;
  testId?: string;
}) {
  const shown = <Statistic title={title} value={value} suffix={suffix} />;
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      {to ? (
        <Link to={to} aria-label={`${title}: ${value}${suffix ?? ''}`} style={{ display: 'block' }}>
          {shown}
        </Link>
      ) : (
        shown
      )}
    </Card>
  );
}
