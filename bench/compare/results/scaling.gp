set terminal pngcairo size 1500,450 font 'sans,10'
set output '/work/main/bench/compare/results/scaling.png'
$s0 << EOD
20 1.109
150 9.738
1000 51.579
EOD
$s1 << EOD
20 0.758
150 5.358
1000 28.814
EOD
$s2 << EOD
20 10.056
EOD
$s3 << EOD
20 9.678
EOD
$s4 << EOD
20 16.552
EOD
$s5 << EOD
20 18.035
EOD
$s6 << EOD
20 1.002
150 6.242
1000 50.415
EOD
$s7 << EOD
20 0.724
150 3.585
1000 27.184
EOD
$s8 << EOD
20 0.430
150 2.190
1000 8.190
EOD
$s9 << EOD
20 0.360
150 1.620
1000 6.550
EOD
$s10 << EOD
20 4.720
EOD
$s11 << EOD
20 3.420
EOD
$s12 << EOD
20 11.220
EOD
$s13 << EOD
20 12.320
EOD
$s14 << EOD
20 0.300
150 1.120
1000 5.630
EOD
$s15 << EOD
20 0.260
150 0.920
1000 4.740
EOD
$s16 << EOD
20 68.219
150 83.508
1000 141.840
EOD
$s17 << EOD
20 65.883
150 83.313
1000 139.984
EOD
$s18 << EOD
20 54.371
EOD
$s19 << EOD
20 54.094
EOD
$s20 << EOD
20 91.031
EOD
$s21 << EOD
20 91.699
EOD
$s22 << EOD
20 60.496
150 70.328
1000 128.020
EOD
$s23 << EOD
20 60.156
150 69.242
1000 123.621
EOD
set multiplot layout 1,3 title 'Growth with the number of hosts (loopback sshd hosts)'
set xlabel 'hosts'
set logscale xy
set grid
set key top left
set xtics (20, 150, 1000)
set ylabel 'wall time (s)'
set title 'Median wall time, set pyinfra'
plot $s0 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s1 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s2 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s3 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s4 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s5 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s6 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s7 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'CPU of the tool (s)'
set title 'CPU of the tool (user + system), set pyinfra'
plot $s8 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s9 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s10 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s11 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s12 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s13 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s14 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s15 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
set ylabel 'peak RSS, largest process (MiB)'
set title 'Peak memory, set pyinfra'
plot $s16 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'tsible, first', $s17 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'tsible, converged', $s18 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'ansible, first', $s19 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'ansible, converged', $s20 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'mitogen, first', $s21 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'mitogen, converged', $s22 using 1:2 with linespoints lw 2 pt 7 dt 1 title 'floor, first', $s23 using 1:2 with linespoints lw 2 pt 7 dt 2 title 'floor, converged'
unset multiplot
