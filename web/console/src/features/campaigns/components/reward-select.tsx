import { Input, Select } from 'antd';
import { useShellProfile } from '@/features/shell';
import { useListAllRewardsQuery } from '../api/campaigns';

interface RewardSelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
}

/**
 * The coupon or voucher a campaign gives: picked from the catalogue's active ones by those who may read
 * it (rewards:write), typed by id by others.
 */
export function RewardSelect(props: RewardSelectProps) {
  const canRead = useShellProfile().permissions.has('rewards:write');
  const { data, isLoading } = useListAllRewardsQuery({ status: 'active', limit: 100 }, { skip: !canRead });
  if (!canRead)
    return (
      <Input id={props.id} value={props.value} onChange={(event) => props.onChange?.(event.target.value)} />
    );
  const options = (data?.items ?? [])
    .filter((reward) => reward.status === 'active' && reward.type !== 'physical')
    .map((reward) => ({ value: reward.id, label: `${reward.name} · ${reward.id}` }));
  return (
    <Select
      id={props.id}
      value={props.value || undefined}
      onChange={(value) => props.onChange?.(value)}
      options={options}
      loading={isLoading}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
